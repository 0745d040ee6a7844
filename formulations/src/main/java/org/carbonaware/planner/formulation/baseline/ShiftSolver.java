package org.carbonaware.planner.formulation.baseline;

import java.util.Map;

import org.carbonaware.planner.domain.Plan;
import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.solve.SolveResult;
import org.carbonaware.planner.solve.SolveSettings;
import org.carbonaware.planner.solve.SolveStatus;

/**
 * Whole-job shifting (GreenFlow, the Carbon Aware SDK's "best window"): the fastest option runs without a pause
 * from the start epoch that minimises total grams among the starts that still reach the workload by the deadline.
 * Ties go to the earliest start. Without availability or round rules every start is scored in constant time from
 * prefix sums, so a long horizon costs O(epochs).
 */
public final class ShiftSolver extends AbstractFastestOptionSolver {

    public static final String NAME = "shift";

    public ShiftSolver() {
        super(NAME, null, false);
    }

    @Override
    public String summary() {
        return "whole-job shifting: the fastest option without a pause from the cheapest start that meets the deadline";
    }

    @Override
    SolveResult solve(Problem problem, SolveSettings settings, int fastest, long started) {
        if (problem.restricted()) {
            return solveRestricted(problem, settings, fastest, started);
        }
        int epochs = problem.epochCount();
        int paused = Problem.PAUSED;
        // Prefix sums, so every start is scored in O(1): the extra grams of running instead of pausing, and the
        // transition grams of staying paused or staying in the fastest option.
        double[] runExtra = new double[epochs + 1];
        double[] stayPaused = new double[epochs + 1];
        double[] stayRunning = new double[epochs + 1];
        for (int t = 0; t < epochs; t++) {
            runExtra[t + 1] = runExtra[t] + problem.grams(t, fastest) - problem.grams(t, paused);
            stayPaused[t + 1] = stayPaused[t] + problem.transitionGrams(t, paused, paused);
            stayRunning[t + 1] = stayRunning[t] + problem.transitionGrams(t, fastest, fastest);
        }
        int fromInitial = runLength(problem, problem.initialState(), fastest);
        int fromPaused = runLength(problem, paused, fastest);
        int bestStart = -1;
        int bestLength = 0;
        double bestGrams = Double.POSITIVE_INFINITY;
        for (int start = 0; start < epochs; start++) {
            int length = start == 0 ? fromInitial : fromPaused;
            int end = start + length;
            if (length < 0 || end > epochs) {
                if (start == 0) {
                    continue; // from epoch 0 the run enters from the initial state; later starts enter from pause
                }
                break; // later starts leave even fewer epochs
            }
            int entering = start == 0 ? problem.initialState() : paused;
            double grams = runExtra[end] - runExtra[start]
                    + (start == 0 ? 0 : problem.transitionGrams(0, problem.initialState(), paused) + stayPaused[start] - stayPaused[1])
                    + problem.transitionGrams(start, entering, fastest)
                    + stayRunning[end] - stayRunning[start + 1]
                    + (end < epochs ? problem.transitionGrams(end, fastest, paused) + stayPaused[epochs] - stayPaused[end + 1] : 0);
            if (grams < bestGrams) {
                bestGrams = grams;
                bestStart = start;
                bestLength = length;
            }
        }
        if (bestStart < 0) {
            return Baselines.noPlan(this, SolveStatus.INFEASIBLE,
                    "the fastest option %s does not reach the workload by the deadline even from epoch 0"
                            .formatted(problem.stateLabel(fastest)), started, settings);
        }
        int[] states = new int[epochs];
        java.util.Arrays.fill(states, paused);
        java.util.Arrays.fill(states, bestStart, bestStart + bestLength, fastest);
        return Baselines.feasible(this, problem, new Plan(states), started, settings, null,
                Map.of("option", problem.stateLabel(fastest), "startEpoch", bestStart));
    }

    /**
     * With availability windows or switches only at round boundaries a run can be cut or delayed, so every start is
     * simulated with {@link Baselines#runWhereAllowed} and scored by the evaluator: O(epochs²).
     */
    private SolveResult solveRestricted(Problem problem, SolveSettings settings, int fastest, long started) {
        Plan best = null;
        double bestKg = Double.POSITIVE_INFINITY;
        int bestStart = -1;
        for (int start = 0; start < problem.epochCount(); start++) {
            boolean[] runnable = new boolean[problem.epochCount()];
            java.util.Arrays.fill(runnable, start, runnable.length, true);
            Plan plan = Baselines.runWhereAllowed(problem, fastest, runnable);
            if (plan == null) {
                break; // later starts leave even fewer epochs
            }
            double kg = org.carbonaware.planner.validate.PlanEvaluator.evaluate(problem, plan).totalKg();
            if (kg < bestKg) {
                best = plan;
                bestKg = kg;
                bestStart = start;
            }
        }
        if (best == null) {
            return Baselines.noPlan(this, SolveStatus.INFEASIBLE,
                    "the fastest option %s does not reach the workload by the deadline even from epoch 0"
                            .formatted(problem.stateLabel(fastest)), started, settings);
        }
        return Baselines.feasible(this, problem, best, started, settings, null,
                Map.of("option", problem.stateLabel(fastest), "startEpoch", bestStart));
    }

    /** Epochs of the fastest option, entered from {@code previous}, until the workload is reached; -1 if never. */
    private static int runLength(Problem problem, int previous, int fastest) {
        double tokens = problem.tokens(previous, fastest);
        int length = 1;
        double perEpoch = problem.tokens(fastest, fastest);
        while (!Baselines.reached(tokens, problem.workloadTokens())) {
            if (length >= problem.epochCount() || !(perEpoch > 0)) {
                return -1;
            }
            tokens += perEpoch;
            length++;
        }
        return length;
    }
}
