package org.carbonaware.planner.rolling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.carbonaware.planner.domain.CarbonIntensitySource;
import org.carbonaware.planner.domain.Instance;
import org.carbonaware.planner.domain.Option;
import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.domain.Reconfiguration;
import org.carbonaware.planner.forecast.Forecaster;
import org.carbonaware.planner.formulation.Solvers;
import org.carbonaware.planner.solve.SolveSettings;
import org.carbonaware.planner.validate.Evaluation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RollingHorizonTest {

    static final SolveSettings SETTINGS = new SolveSettings(20, 1, 1, java.util.Map.of());

    /**
     * Four hourly epochs; A (1 token/s, 1 kW) and B (2 tokens/s, 2 kW) of one family; resume 6 min, DP change 3 min;
     * PUE 1, no embodied or idle carbon, so grams = kWh × CI. Workload 10,440 tokens = A for three epochs with one
     * resume (3,240 + 3,600 + 3,600).
     */
    static Problem handExample() {
        Option a = new Option("A", 1, 1, 1, 1, 1.0, 1000);
        Option b = new Option("B", 2, 1, 1, 2, 2.0, 2000);
        Instance instance = new Instance("hand", Instant.parse("2024-01-01T00:00:00Z"), 60, 4, 10_440, 8, 1, 0, 0,
                new Reconfiguration(6, 3, 12), new CarbonIntensitySource(Path.of("none.csv"), null), List.of(a, b), null);
        return new Problem(instance, new double[] {100, 200, 300, 400});
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpsat", "label", "mip"})
    void twoReplansCommitThePastCarryTheRunningStateAndChargeEachLossOnce(String solverName) {
        Problem actual = handExample();
        // At 00:00 the forecast says the first three hours are clean: A, A, A (300 g) is the only plan under 400 g.
        // At 02:00 it says 02:00 is dirty and 03:00 clean. From the carried state A the remaining 3,600 tokens can be
        // had by staying on A at 02:00 (900 g) or by pausing and resuming on B at 03:00 (2 · 60 · 54 = 6,480 tokens,
        // 200 g); resuming A at 03:00 would give only 3,240 tokens.
        Forecaster forecaster = ScriptedForecast.forecaster(actual, k -> k == 0
                ? new double[] {100, 100, 100, 900} : new double[] {900, 100});
        Simulation run = RollingHorizon.run(forecaster, Solvers.create(solverName), SETTINGS, 2);

        assertThat(run.replanList()).hasSize(2);
        Replan first = run.replanList().get(0);
        Replan second = run.replanList().get(1);
        assertThat(first.initialState()).isEqualTo(Problem.PAUSED);
        assertThat(first.remainingTokens()).isEqualTo(10_440);
        assertThat(first.plannedRemainingKg()).isCloseTo(0.3, within(1e-9));
        assertThat(first.plannedWindowKg()).isCloseTo(0.2, within(1e-9));
        assertThat(first.realisedWindowKg()).isCloseTo(0.3, within(1e-9));
        assertThat(second.epoch()).isEqualTo(2);
        assertThat(second.decisionTime()).isEqualTo(Instant.parse("2024-01-01T02:00:00Z"));
        assertThat(actual.option(second.initialState()).label()).isEqualTo("A");
        assertThat(second.remainingTokens()).isEqualTo(10_440 - 3_240 - 3_600);
        // Slack: 2 h left; B needs 3 min + 3,600 / 7,200 h = 0.55 h.
        assertThat(second.slackHours()).isCloseTo(1.45, within(1e-9));
        assertThat(second.plannedWindowKg()).isCloseTo(0.2, within(1e-9));
        assertThat(second.realisedWindowKg()).isCloseTo(0.8, within(1e-9));

        int a = 0;
        int b = 1;
        assertThat(run.plan().stateByEpoch()).containsExactly(a, a, Problem.PAUSED, b);
        Evaluation evaluation = run.evaluation();
        assertThat(evaluation.epochList().stream().mapToDouble(e -> e.lostMinutes()).toArray()).containsExactly(6, 0, 0, 6);
        assertThat(evaluation.tokens()).isEqualTo(3_240 + 3_600 + 6_480);
        assertThat(evaluation.resumes()).isEqualTo(2);
        assertThat(evaluation.totalKg()).isCloseTo(0.1 + 0.2 + 0.8, within(1e-9));
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpsat", "label", "mip"})
    void withAPerfectForecastTheRollingResultEqualsTheOracle(String solverName) {
        Problem actual = RealTraces.cisoDays(3, 0.3);
        Simulation oracle = RollingHorizon.run(Forecaster.perfect(actual), Solvers.create(solverName), SETTINGS, actual.epochCount());
        assertThat(oracle.replanList()).hasSize(1);
        for (int every : new int[] {1, 5, 24}) {
            Simulation rolling = RollingHorizon.run(Forecaster.perfect(actual), Solvers.create(solverName), SETTINGS, every);
            assertThat(rolling.totalKg()).as("re-plan every %d epochs", every).isCloseTo(oracle.totalKg(), within(1e-6 * oracle.totalKg()));
            assertThat(rolling.replanList()).allSatisfy(r -> assertThat(r.keptPreviousPlan()).isFalse());
            assertThat(rolling.replanList()).allSatisfy(r -> assertThat(r.plannedWindowKg()).isCloseTo(r.realisedWindowKg(), within(1e-9)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpsat", "mip", "label", "timefold", "fixed-fastest", "dp-only", "threshold", "shift", "carbonscaler",
            "double-threshold"})
    void anAdversarialForecastNeverMakesAnySolverMissTheDeadline(String solverName) {
        assertThat(Solvers.names()).contains(solverName);
        for (double slack : new double[] {0.05, 0.4}) {
            Problem actual = RealTraces.cisoDays(1, slack);
            // The forecast always says: now is dirty, later is clean ("wait"); the actual is what it is.
            Forecaster waitForecaster = ScriptedForecast.forecaster(actual, k -> {
                double[] values = new double[actual.epochCount() - k];
                for (int i = 0; i < values.length; i++) {
                    values[i] = i < 6 ? 2000 : 20;
                }
                return values;
            });
            boolean timefold = solverName.equals("timefold");
            SolveSettings settings = new SolveSettings(timefold ? 0.5 : 20, 1, 1, java.util.Map.of());
            Simulation run = RollingHorizon.run(waitForecaster, Solvers.create(solverName), settings, timefold ? 8 : 1);
            assertThat(run.evaluation().workloadReached()).isTrue();
            assertThat(run.evaluation().finishHours()).isLessThanOrEqualTo(actual.instance().deadlineHours());
            assertThat(run.replanList()).allSatisfy(r -> assertThat(r.slackHours()).isGreaterThanOrEqualTo(-1e-9));
            if (List.of("cpsat", "mip", "label").contains(solverName)) {
                assertThat(run.minSlackHours()).as("the forecast pushed the work to the end").isLessThan(1.0);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpsat", "mip", "label", "timefold", "fixed-fastest", "dp-only", "threshold", "shift", "carbonscaler",
            "double-threshold"})
    void everySolverOfTheRegistryRunsTheRollingHorizonWithAForecast(String solverName) {
        Problem actual = RealTraces.cisoDays(2, 0.25);
        Forecaster noisy = ScriptedForecast.forecaster(actual, k -> {
            double[] values = new double[actual.epochCount() - k];
            for (int i = 0; i < values.length; i++) {
                values[i] = actual.carbonIntensity(k + i) * (1 + 0.2 * Math.sin(7.0 * (k + 3 * i)));
            }
            return values;
        });
        SolveSettings settings = new SolveSettings(solverName.equals("timefold") ? 0.5 : 20, 1, 1, java.util.Map.of());
        Simulation run = RollingHorizon.run(noisy, Solvers.create(solverName), settings, 6);
        assertThat(run.evaluation().workloadReached()).isTrue();
        assertThat(run.replanList()).isNotEmpty();
        assertThat(run.replanList().get(0).epoch()).isZero();
        assertThat(run.replanList()).allSatisfy(r -> assertThat(r.epoch() % 6).isZero());
    }
}
