package org.carbonaware.planner.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.carbonaware.planner.common.InputException;
import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.trace.CarbonTrace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VintageForecastTest {

    @TempDir
    Path dir;

    private final CarbonTrace actual = ForecastFixtures.trace(24 * 4);

    private Path file(String body) throws IOException {
        Path file = dir.resolve("vintages.csv");
        Files.writeString(file, "request_time,forecast_time,moer\n" + body);
        return file;
    }

    @Test
    void repeatedForecastTimesAcrossRequestsAreVintagesAndOnlyTheLatestIssuedByTheDecisionIsUsed() throws IOException {
        // Requests at 00:00, 00:30 and 01:00 on the job's first day all forecast 01:00-02:45 in 15-minute steps.
        StringBuilder body = new StringBuilder();
        String[] requests = {"2024-01-03 00:00:00", "2024-01-03 00:30:00", "2024-01-03 01:00:00"};
        double[] levels = {100, 0, 300};
        for (int r = 0; r < requests.length; r++) {
            for (int m = 60; m < 180; m += 15) {
                body.append("%s,2024-01-03 %02d:%02d:00,%s%n".formatted(requests[r], m / 60, m % 60, levels[r] + m));
            }
        }
        VintageForecast forecast = VintageFile.read(file(body.toString()), null);
        assertThat(forecast.vintageCount()).isEqualTo(3);
        Problem grid = ForecastFixtures.problem(actual, 60, 6);

        // Decision at 01:00: the vintage requested at exactly 01:00 counts (request_time <= t).
        Issue atOne = forecast.latest(grid, 1);
        assertThat(atOne.issuedAt()).isEqualTo(Instant.parse("2024-01-03T01:00:00Z"));
        assertThat(atOne.gramsPerKwh()[0]).isEqualTo(300 + (60 + 75 + 90 + 105) / 4.0);
        assertThat(atOne.gramsPerKwh()[1]).isEqualTo(300 + (120 + 135 + 150 + 165) / 4.0);
        assertThat(atOne.gramsPerKwh()[2]).isNaN();

        // Decision at 00:00: the 00:30 and 01:00 vintages were issued later and must not be seen (the 00:30 one says 0).
        Issue atZero = forecast.latest(grid, 0);
        assertThat(atZero.issuedAt()).isEqualTo(Instant.parse("2024-01-03T00:00:00Z"));
        assertThat(atZero.gramsPerKwh()[0]).as("epoch 00:00-01:00 has no forecast sample and starts before the vintage").isNaN();
        assertThat(atZero.gramsPerKwh()[1]).isEqualTo(100 + (60 + 75 + 90 + 105) / 4.0);
        for (double value : atZero.gramsPerKwh()) {
            assertThat(Double.isNaN(value) || value > 100).isTrue();
        }
    }

    @Test
    void aDecisionBeforeTheFirstRequestSeesNoForecast() throws IOException {
        VintageForecast forecast = VintageFile.read(file("2024-01-03 05:00:00,2024-01-03 05:00:00,1\n"), null);
        Issue issue = forecast.latest(ForecastFixtures.problem(actual, 60, 6), 0);
        assertThat(issue.issuedAt()).isNull();
        assertThat(issue.coveredPrefix()).isZero();
    }

    @Test
    void aDuplicateRequestAndForecastPairIsAnErrorNamingBothLines() throws IOException {
        Path file = file("""
                2024-01-03 00:00:00,2024-01-03 01:00:00,1
                2024-01-03 00:00:00,2024-01-03 02:00:00,2
                2024-01-03 01:00:00,2024-01-03 01:00:00,3
                2024-01-03 00:00:00,2024-01-03 01:00:00,4
                """);
        assertThatThrownBy(() -> VintageFile.read(file, null)).isInstanceOf(InputException.class)
                .hasMessageContaining("vintages.csv:5:").hasMessageContaining("line 2").hasMessageContaining("Maybe");
    }

    @Test
    void aRequestAfterItsForecastTimeIsAnErrorNamingTheLine() throws IOException {
        Path file = file("2024-01-03 00:00:00,2024-01-03 01:00:00,1\n2024-01-03 02:00:00,2024-01-03 01:00:00,1\n");
        assertThatThrownBy(() -> VintageFile.read(file, null)).isInstanceOf(InputException.class)
                .hasMessageContaining("vintages.csv:3:").hasMessageContaining("request_time").hasMessageContaining("after");
    }

    @Test
    void badValuesAndColumnsAreErrorsNamingTheFile() throws IOException {
        assertThatThrownBy(() -> VintageFile.read(file("2024-01-03 00:00:00,2024-01-03 01:00:00,-1\n"), null))
                .isInstanceOf(InputException.class).hasMessageContaining("vintages.csv:2:").hasMessageContaining("-1");
        assertThatThrownBy(() -> VintageFile.read(file("2024-01-03 00:00:00,2024-01-03 01:00:00,1\n"), "MOER"))
                .isInstanceOf(InputException.class).hasMessageContaining("no column named \"MOER\"");
        assertThatThrownBy(() -> VintageFile.read(dir.resolve("missing.csv"), null))
                .isInstanceOf(InputException.class).hasMessageContaining("missing.csv");
    }
}
