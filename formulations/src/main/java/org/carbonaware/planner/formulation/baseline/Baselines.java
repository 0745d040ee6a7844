package org.carbonaware.planner.formulation.baseline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.carbonaware.planner.domain.Option;
import org.carbonaware.planner.domain.Plan;
import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.solve.PlanSolver;
import org.carbonaware.planner.solve.SolveResult;
import org.carbonaware.planner.solve.SolveSettings;
import org.carbonaware.planner.solve.SolveStatus;
import org.carbonaware.planner.validate.Evaluation;
import org.carbonaware.planner.validate.PlanEvaluator;

/**
 * Shared pieces of the baseline policies. Baselines make no optimality claim: a plan is reported FEASIBLE with
 * no lower bound (NaN), and a policy that cannot reach the workload returns INFEASIBLE with a one-line reason
 * (infeasible for the policy, whatever the time limit: a longer run would not change it).
 */
final class Baselines {

    private Baselines() {
    }

    static boolean reached(double tokens, double workloadTokens) {
        return tokens >= workloadTokens * (1 - Evaluation.TOKEN_TOLERANCE);
    }

    /**
     * Runs {@code option} in the epochs where {@code runnable} is true and the problem allows it, from the problem's
     * initial state, until the workload is reached; every other epoch, and every epoch after the workload is
     * reached, is paused (a change between round boundaries keeps the previous state until the next boundary).
     *
     * @return the plan, or null when the runnable epochs do not reach the workload
     */
    static Plan runWhereAllowed(Problem problem, int option, boolean[] runnable) {
        int[] states = new int[problem.epochCount()];
        Arrays.fill(states, Problem.PAUSED);
        double tokens = 0;
        int previous = problem.initialState();
        for (int t = 0; t < states.length && !reached(tokens, problem.workloadTokens()); t++) {
            if (runnable[t] && problem.allowed(t, option) && problem.transitionAllowed(t, previous, option)) {
                states[t] = option;
                tokens += problem.tokens(previous, option);
            }
            if (!problem.transitionAllowed(t, previous, states[t])) {
                states[t] = previous; // a change waits for the next round boundary
                tokens += problem.tokens(previous, previous);
            }
            previous = states[t];
        }
        return reached(tokens, problem.workloadTokens()) ? new Plan(states) : null;
    }

    /**
     * Indices (into the problem's option list) of the fastest option's tp/pp family at its power limit, ordered by
     * GPUs then tokens/s: scaling DP only, the caps of a cap grid stay out.
     */
    static List<Integer> fastestFamily(Problem problem) {
        int fastest = problem.fastestOption();
        Option reference = problem.option(fastest);
        List<Integer> family = new ArrayList<>();
        for (int o = 0; o < problem.optionCount(); o++) {
            Option option = problem.option(o);
            if (option.sameFamily(reference) && java.util.Objects.equals(option.powerCapWatts(), reference.powerCapWatts())) {
                family.add(o);
            }
        }
        family.sort((a, b) -> {
            Option x = problem.option(a);
            Option y = problem.option(b);
            int byGpus = Integer.compare(x.gpus(), y.gpus());
            return byGpus != 0 ? byGpus : Double.compare(x.tokensPerSecond(), y.tokensPerSecond());
        });
        return family;
    }

    static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    static SolveResult feasible(PlanSolver solver, Problem problem, Plan plan, long startedNanos, SolveSettings settings,
            String message, Map<String, Object> statistics) {
        Evaluation evaluation = PlanEvaluator.evaluate(problem, plan);
        double elapsed = seconds(startedNanos);
        return new SolveResult(solver.name(), solver.version(), SolveStatus.FEASIBLE, plan, evaluation.totalKg(), Double.NaN, elapsed,
                elapsed, settings.effectiveWorkers(), settings.seed(), message, statistics);
    }

    static SolveResult noPlan(PlanSolver solver, SolveStatus status, String reason, long startedNanos, SolveSettings settings) {
        return new SolveResult(solver.name(), solver.version(), status, null, Double.NaN, Double.NaN, seconds(startedNanos), Double.NaN,
                settings.effectiveWorkers(), settings.seed(), reason, null);
    }
}
