package org.carbonaware.planner.formulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.carbonaware.planner.domain.Forecast;
import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.forecast.Forecaster;
import org.carbonaware.planner.forecast.Issue;
import org.carbonaware.planner.rolling.RollingHorizon;
import org.carbonaware.planner.rolling.Simulation;
import org.carbonaware.planner.solve.Infeasibility;
import org.carbonaware.planner.solve.SolveSettings;
import org.junit.jupiter.api.Test;

/** The rolling horizon on random tiny two-site problems: each site is forecast on its own trace. */
class RollingTwoSitesTest {

    private static final SolveSettings SETTINGS = new SolveSettings(20, 1, 1, Map.of());

    @Test
    void aPerfectForecastGivesTheOracleAndAWrongOneStillReachesTheWorkloadOnTwoSites() {
        int feasible = 0;
        for (long seed = 1; seed <= 40; seed++) {
            Problem actual = MultiSiteAgreeProperty.twoSites(seed);
            if (Infeasibility.reason(actual) != null) {
                continue;
            }
            Simulation oracle = RollingHorizon.run(Forecaster.perfect(actual), Solvers.create("label"), SETTINGS, actual.epochCount());
            if (!oracle.hasPlan()) {
                continue; // availability leaves no plan
            }
            feasible++;
            Simulation rolling = RollingHorizon.run(Forecaster.perfect(actual), Solvers.create("cpsat"), SETTINGS, 1);
            assertThat(rolling.totalKg()).as("seed %d", seed).isCloseTo(oracle.totalKg(), within(1e-6 * oracle.totalKg() + 1e-9));

            // Site 0 is forecast backwards in time, site 1 flat: a wrong forecast, every plan still reaches the workload.
            List<Forecaster.SiteForecast> wrong = new ArrayList<>();
            for (int s = 0; s < 2; s++) {
                int site = s;
                wrong.add(new Forecaster.SiteForecast(Forecast.actual(actual.site(s).carbonIntensity().signal()), (grid, from) -> {
                    double[] values = new double[grid.epochCount() - from];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = site == 0 ? grid.carbonIntensity(0, grid.epochCount() - 1 - i) : 100;
                    }
                    return new Issue(grid.epochStart(from), values);
                }, null));
            }
            Simulation misled = RollingHorizon.run(new Forecaster(actual, wrong), Solvers.create("cpsat"), SETTINGS, 1);
            assertThat(misled.evaluation().workloadReached()).as("seed %d", seed).isTrue();
            assertThat(misled.totalKg()).isGreaterThanOrEqualTo(oracle.totalKg() * (1 - 1e-9));
        }
        assertThat(feasible).isGreaterThan(10);
    }

    /**
     * decompose re-plans cuts of a two-site problem (its restricted instance stays a cut at the same absolute epoch,
     * entered in the plan's state): every rolling plan reaches the workload and none beats the oracle; with a perfect
     * forecast it matches the oracle wherever its re-plans close their gap, most of the time on these tiny problems.
     */
    @Test
    void decomposeReplansCutsOfTwoSites() {
        int feasible = 0;
        int matched = 0;
        for (long seed = 1; seed <= 30; seed++) {
            Problem actual = MultiSiteAgreeProperty.twoSites(seed);
            if (Infeasibility.reason(actual) != null) {
                continue;
            }
            Simulation oracle = RollingHorizon.run(Forecaster.perfect(actual), Solvers.create("label"), SETTINGS, actual.epochCount());
            if (!oracle.hasPlan()) {
                continue;
            }
            feasible++;
            Simulation rolling = RollingHorizon.run(Forecaster.perfect(actual), Solvers.create("decompose"),
                    SETTINGS.withParameter("optionsPerSite", "1"), 1);
            assertThat(rolling.evaluation().workloadReached()).as("seed %d", seed).isTrue();
            assertThat(rolling.totalKg()).as("seed %d", seed).isGreaterThanOrEqualTo(oracle.totalKg() * (1 - 1e-9));
            if (Math.abs(rolling.totalKg() - oracle.totalKg()) <= 1e-6 * oracle.totalKg() + 1e-9) {
                matched++;
            }
        }
        assertThat(feasible).isGreaterThan(10);
        assertThat(matched).isGreaterThan(feasible / 2);
    }
}
