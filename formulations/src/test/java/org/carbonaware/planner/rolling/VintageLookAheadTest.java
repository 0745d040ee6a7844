package org.carbonaware.planner.rolling;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;

import org.carbonaware.planner.domain.Fallback;
import org.carbonaware.planner.domain.Forecast;
import org.carbonaware.planner.domain.ForecastSource;
import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.domain.Signal;
import org.carbonaware.planner.forecast.Forecaster;
import org.carbonaware.planner.formulation.Solvers;
import org.carbonaware.planner.trace.CarbonTraceReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * At a decision time the planner may use only vintages requested at or before it. Bait vintages requested half an
 * hour after each decision say "the next hours are free"; a planner that looked ahead would run in them.
 */
class VintageLookAheadTest {

    @TempDir
    Path dir;

    /** Honest vintages on the hour (actual + 5 %, 6 hours ahead); with {@code bait}, lying ones at half past. */
    private Path vintages(Problem actual, boolean bait, boolean baitOnTheHour) throws IOException {
        StringBuilder csv = new StringBuilder("request_time,forecast_time,value\n");
        for (int h = 0; h < actual.epochCount(); h++) {
            Instant request = actual.epochStart(h);
            for (int lead = 0; lead < 6 && h + lead < actual.epochCount(); lead++) {
                double honest = actual.carbonIntensity(h + lead) * 1.05;
                double lie = lead == 0 ? 0 : 5000;
                boolean lying = baitOnTheHour && h % 2 == 0;
                csv.append(row(request, actual.epochStart(h + lead), lying ? lie : honest));
            }
            if (bait) {
                Instant half = request.plusSeconds(1800);
                for (int lead = 0; lead < 6 && h + lead < actual.epochCount(); lead++) {
                    csv.append(row(half, actual.epochStart(h + lead).plusSeconds(1800), lead == 0 ? 0 : 5000));
                }
            }
        }
        Path file = dir.resolve((bait ? "bait" : "honest") + (baitOnTheHour ? "-leaky" : "") + ".csv");
        Files.writeString(file, csv);
        return file;
    }

    private static String row(Instant request, Instant forecast, double value) {
        return String.format(Locale.ROOT, "%s,%s,%.4f%n", request, forecast, value);
    }

    private Simulation simulate(Problem actual, Path file) {
        Forecast forecast = new Forecast(new ForecastSource.Vintages(file, null), Fallback.TRAILING_MEAN, 24, Signal.AVERAGE);
        Forecaster forecaster = Forecaster.open(actual, CarbonTraceReader.read(RealTraces.CISO, "carbon_intensity"), forecast);
        return RollingHorizon.run(forecaster, Solvers.create("label"), RollingHorizonTest.SETTINGS, 1);
    }

    @Test
    void vintagesRequestedAfterTheDecisionTimeAreNeverUsed() throws IOException {
        Problem actual = RealTraces.cisoDays(1, 0.5);
        Simulation honest = simulate(actual, vintages(actual, false, false));
        Simulation withBait = simulate(actual, vintages(actual, true, false));
        assertThat(withBait.plan()).isEqualTo(honest.plan());
        assertThat(withBait.replanList()).allSatisfy(r -> {
            assertThat(r.forecastIssuedAt()).isEqualTo(r.decisionTime());
            assertThat(r.forecastMeanGramsPerKwh()).isCloseTo(r.actualMeanGramsPerKwh() * 1.05, org.assertj.core.api.Assertions.within(1e-6));
        });

        // The bait does change the plan when it is visible: the same lies issued on the hour give another plan,
        // so a planner that peeked half an hour ahead would have been caught by the first assertion.
        Simulation leaky = simulate(actual, vintages(actual, false, true));
        assertThat(leaky.plan()).isNotEqualTo(honest.plan());
    }
}
