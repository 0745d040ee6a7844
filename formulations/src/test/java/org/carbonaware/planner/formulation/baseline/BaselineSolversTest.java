package org.carbonaware.planner.formulation.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.carbonaware.planner.domain.CarbonIntensitySource;
import org.carbonaware.planner.domain.Instance;
import org.carbonaware.planner.domain.Option;
import org.carbonaware.planner.domain.Plan;
import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.domain.Reconfiguration;
import org.carbonaware.planner.solve.PlanSolver;
import org.carbonaware.planner.solve.SolveResult;
import org.carbonaware.planner.solve.SolveSettings;
import org.carbonaware.planner.solve.SolveStatus;
import org.carbonaware.planner.validate.PlanValidator;
import org.junit.jupiter.api.Test;

/**
 * Hand-computed plans on a six-epoch, hourly instance (PUE 1, no embodied or idle carbon). Options: 0 = fast
 * (dp2 tp1 pp1, 2 tokens/s = 7200 tokens per epoch, 200 W), 1 = slow (dp1 tp1 pp1, 3600 tokens per epoch, 80 W),
 * 2 = another family (tp2, 1.8 tokens/s, 100 W). Workload 14400 tokens; CI = 100, 500, 50, 40, 500, 70.
 */
class BaselineSolversTest {

    static final int P = Problem.PAUSED;
    static final double[] CI = {100, 500, 50, 40, 500, 70};
    static final SolveSettings SETTINGS = new SolveSettings(10, 1, 1, Map.of());

    static Problem problem(Reconfiguration reconfiguration, double workloadTokens) {
        List<Option> options = List.of(
                new Option(2, 1, 1, 2, 2.0, 200),
                new Option(1, 1, 1, 1, 1.0, 80),
                new Option(1, 2, 1, 2, 1.8, 100));
        Instance instance = new Instance("tiny", Instant.parse("2023-01-01T00:00:00Z"), 60, 6, workloadTokens, 8, 1.0, 0, 0,
                reconfiguration, new CarbonIntensitySource(Path.of("unused.csv"), null), options, null);
        return new Problem(instance, CI);
    }

    static Problem noCosts() {
        return problem(Reconfiguration.NONE, 14400);
    }

    static Problem withCosts() {
        return problem(new Reconfiguration(6, 3, 10), 14400);
    }

    static SolveResult solve(PlanSolver solver, Problem problem) {
        return solve(solver, problem, SETTINGS);
    }

    static SolveResult solve(PlanSolver solver, Problem problem, SolveSettings settings) {
        SolveResult result = solver.solve(problem, settings);
        if (result.plan() != null) {
            assertThat(PlanValidator.validate(problem, result.plan()).violations()).isEmpty();
            assertThat(result.status()).isEqualTo(SolveStatus.FEASIBLE);
            assertThat(result.bestBoundKg()).isNaN();
        }
        return result;
    }

    @Test
    void fixedFastestRunsFromEpochZeroUntilDone() {
        assertThat(solve(new FixedFastestSolver(), noCosts()).plan()).isEqualTo(new Plan(new int[] {0, 0, P, P, P, P}));
        // 6 lost resume minutes: 6480 + 7200 < 14400, so a third epoch is needed.
        assertThat(solve(new FixedFastestSolver(), withCosts()).plan()).isEqualTo(new Plan(new int[] {0, 0, 0, P, P, P}));
        SolveResult infeasible = solve(new FixedFastestSolver(), problem(Reconfiguration.NONE, 1e9));
        assertThat(infeasible.status()).isEqualTo(SolveStatus.INFEASIBLE);
        assertThat(infeasible.message()).contains("does not reach the workload");
    }

    @Test
    void shiftScoresEveryStartLikeTheEvaluator() {
        // The O(epochs) scoring picks the start a full evaluation of every start would pick (earliest on ties).
        for (long seed = 1; seed <= 300; seed++) {
            Problem problem = org.carbonaware.planner.formulation.RandomInstances.tiny(seed);
            int fastest = problem.fastestOption();
            Plan best = null;
            double bestKg = Double.POSITIVE_INFINITY;
            for (int start = 0; start < problem.epochCount(); start++) {
                boolean[] runnable = new boolean[problem.epochCount()];
                java.util.Arrays.fill(runnable, start, runnable.length, true);
                Plan plan = Baselines.runWhereAllowed(problem, fastest, runnable);
                if (plan != null) {
                    double kg = org.carbonaware.planner.validate.PlanEvaluator.evaluate(problem, plan).totalKg();
                    if (kg < bestKg - 1e-9 * kg) {
                        best = plan;
                        bestKg = kg;
                    }
                }
            }
            SolveResult result = new ShiftSolver().solve(problem, SETTINGS);
            assertThat(result.plan()).as("seed %d", seed).isEqualTo(best);
        }
    }

    @Test
    void shiftPicksTheCheapestWindow() {
        // Two-epoch windows cost 600, 550, 90, 540, 570 (× 0.2 kWh): the window at epoch 2.
        SolveResult result = solve(new ShiftSolver(), noCosts());
        assertThat(result.plan()).isEqualTo(new Plan(new int[] {P, P, 0, 0, P, P}));
        assertThat(result.statistics()).containsEntry("startEpoch", 2);
        assertThat(result.objectiveKg()).isCloseTo(0.2 * 90 / 1000, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void thresholdDefaultIsTheLowestThatMeetsTheDeadlineCountingResumes() {
        // Without losses threshold 50 (epochs 2, 3) suffices.
        SolveResult free = solve(new ThresholdSolver(), noCosts());
        assertThat(free.plan()).isEqualTo(new Plan(new int[] {P, P, 0, 0, P, P}));
        assertThat(free.statistics()).containsEntry("thresholdGramsPerKwh", 50.0);
        // With a 6-minute resume, epochs 2 and 3 give 13680 tokens; threshold 70 adds epoch 5 (another resume).
        SolveResult costly = solve(new ThresholdSolver(), withCosts());
        assertThat(costly.plan()).isEqualTo(new Plan(new int[] {P, P, 0, 0, P, 0}));
        assertThat(costly.statistics()).containsEntry("thresholdGramsPerKwh", 70.0);
    }

    @Test
    void thresholdHonoursAGivenThresholdAndExplainsATooLowOne() {
        SolveResult given = solve(new ThresholdSolver(), noCosts(), SETTINGS.withParameter("threshold", "100"));
        assertThat(given.plan()).isEqualTo(new Plan(new int[] {0, P, 0, P, P, P}));
        SolveResult tooLow = solve(new ThresholdSolver(), withCosts(), SETTINGS.withParameter("threshold", "50"));
        assertThat(tooLow.plan()).isNull();
        // Infeasible for that threshold whatever the time limit, and the message names the one that works.
        assertThat(tooLow.status()).isEqualTo(SolveStatus.INFEASIBLE);
        assertThat(tooLow.message()).contains("threshold 50 ").contains("Maybe --threshold 70, the lowest that does?");
    }

    @Test
    void dpOnlyIsExactOnTheFastestFamily() {
        // Units of 3600 tokens cost 0.1 kWh on fast, 0.08 kWh on slow: fast at CI 40, slow at CI 50 and 70 = 17.6 g.
        SolveResult result = solve(org.carbonaware.planner.formulation.Solvers.create(DpOnlySolver.NAME), noCosts());
        assertThat(result.plan()).isEqualTo(new Plan(new int[] {P, P, 1, 0, P, 1}));
        assertThat(result.objectiveKg()).isCloseTo(0.0176, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(result.plan().stateByEpoch()).doesNotContain(2);
    }

    @Test
    void carbonScalerTakesTheBestMarginalStepsInOrder() {
        // Values 1/(80·CI) for step 1, 1/(120·CI) for step 2: slow@3, slow@2, fast@3, slow@5 reach 14400 tokens.
        SolveResult result = solve(new CarbonScalerSolver(), noCosts());
        assertThat(result.plan()).isEqualTo(new Plan(new int[] {P, P, 1, 0, P, 1}));
        assertThat(result.statistics()).containsEntry("topUpSteps", 0);
    }

    @Test
    void carbonScalerTopsUpWhenSwitchingLossesLeaveItShort() {
        // The same four steps train 3240 + 6840 + 3240 = 13320 tokens once resume and DP-change losses count;
        // the next step (fast@2, value 1/6000) brings 6480 + 7200 + 3240 = 16920.
        SolveResult result = solve(new CarbonScalerSolver(), withCosts());
        assertThat(result.plan()).isEqualTo(new Plan(new int[] {P, P, 0, 0, P, 1}));
        assertThat(result.statistics()).containsEntry("topUpSteps", 1);
        assertThat(result.message()).contains("added 1 step");
    }

    @Test
    void doubleThresholdResumesOnlyBelowTheLowerThreshold() {
        // Prices 0.2 kWh × CI = 20, 100, 10, 8, 100, 14 g; L = 8, U = 100, 2β = 6/60 × 54 = 5.4, k = 2.
        // α = 2.76450 and φ = 39.850, 28.971 (checked against the authors' formula with an independent bisection).
        // t0 paused, 20 <= φ1 − 2β = 34.45: run (6480 tokens). t1 running, 100 > φ2: pause. t2 paused,
        // 10 <= φ2 − 2β = 23.57: resume (12960). t3 running, 8 <= φ2: run (20160 >= 14400), then paused.
        SolveResult result = solve(new DoubleThresholdSolver(), withCosts());
        assertThat(result.plan()).isEqualTo(new Plan(new int[] {0, P, 0, 0, P, P}));
        assertThat((double) result.statistics().get("firstThresholdGrams")).isCloseTo(39.8496, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(DoubleThresholdSolver.alpha(2, 8, 100, 2.7)).isCloseTo(2.76450, org.assertj.core.data.Offset.offset(1e-4));
    }

    @Test
    void doubleThresholdRunsFromTheStartWhenPausingCannotPay() {
        Problem flat = new Problem(withCosts().instance(), new double[] {100, 100, 100, 100, 100, 100});
        SolveResult result = solve(new DoubleThresholdSolver(), flat);
        assertThat(result.plan()).isEqualTo(new Plan(new int[] {0, 0, 0, P, P, P}));
        assertThat(DoubleThresholdSolver.alpha(2, 20, 20, 1)).isNaN();
    }

    @Test
    void doubleThresholdMeetsTheDeadlineByRunningToTheEnd() {
        // Cheap epochs come last: the compulsory rule must start in time (3 epochs with one resume).
        Problem late = new Problem(withCosts().instance(), new double[] {500, 500, 500, 500, 10, 10});
        SolveResult result = solve(new DoubleThresholdSolver(), late);
        assertThat(result.plan()).isEqualTo(new Plan(new int[] {P, P, P, 0, 0, 0}));
        assertThat(result.statistics()).containsEntry("compulsoryFromEpoch", 3);
    }
}
