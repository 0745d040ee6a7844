package org.carbonaware.planner.formulation.baseline;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

import org.carbonaware.planner.domain.Option;
import org.carbonaware.planner.domain.Plan;
import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.solve.SolveResult;
import org.carbonaware.planner.solve.SolveSettings;
import org.carbonaware.planner.solve.SolveStatus;
import org.carbonaware.planner.validate.Evaluation;
import org.carbonaware.planner.validate.PlanEvaluator;

/**
 * The CarbonScaler greedy (Hanafy et al., SIGMETRICS 2024), following its Kubernetes controller's
 * {@code ComputeSchedule}: the options of the fastest option's tp/pp family, ordered by GPUs, are the steps of the
 * marginal capacity curve. Every (epoch, step k) gets the value marginal tokens/s / (marginal watts × CI(epoch)),
 * with step 1 measured from the paused state (idle watts). The greedy repeatedly takes the highest-valued
 * (epoch, step) whose previous step in that epoch is already taken, until the planned tokens (full epochs, no
 * switching costs, as in the controller) reach the workload.
 *
 * <p>Because it plans without switching costs, the validator may find the plan short; the policy then keeps taking
 * steps in the same order until the plan, scored with resume and DP-change losses, reaches the workload.
 */
public final class CarbonScalerSolver extends AbstractFastestOptionSolver {

    public static final String NAME = "carbonscaler";

    private record Step(int epoch, int level, double value) {
    }

    public CarbonScalerSolver() {
        super(NAME, "scales one site's tp/pp family on one trace", true);
    }

    @Override
    public String summary() {
        return "the CarbonScaler greedy over the DP steps of the fastest option's tp/pp family";
    }

    @Override
    SolveResult solve(Problem problem, SolveSettings settings, int fastest, long started) {
        List<Integer> family = Baselines.fastestFamily(problem);
        int levels = family.size();
        double[] marginalTokensPerSecond = new double[levels + 1];
        double[] marginalWatts = new double[levels + 1];
        double previousTokens = 0;
        double previousWatts = problem.instance().idleWatts();
        for (int k = 1; k <= levels; k++) {
            Option option = problem.option(family.get(k - 1));
            marginalTokensPerSecond[k] = option.tokensPerSecond() - previousTokens;
            marginalWatts[k] = option.watts() - previousWatts;
            previousTokens = option.tokensPerSecond();
            previousWatts = option.watts();
        }
        // Highest value first; ties: earlier epoch, then lower step.
        PriorityQueue<Step> queue = new PriorityQueue<>((a, b) -> {
            int byValue = Double.compare(b.value, a.value);
            if (byValue != 0) {
                return byValue;
            }
            int byEpoch = Integer.compare(a.epoch, b.epoch);
            return byEpoch != 0 ? byEpoch : Integer.compare(a.level, b.level);
        });
        for (int t = 0; t < problem.epochCount(); t++) {
            queue.add(step(problem, t, 1, marginalTokensPerSecond, marginalWatts));
        }
        int[] level = new int[problem.epochCount()];
        double plannedTokens = 0;
        double secondsPerEpoch = problem.epochMinutes() * 60.0;
        int steps = 0;
        while (!Baselines.reached(plannedTokens, problem.workloadTokens()) && !queue.isEmpty()) {
            plannedTokens += take(queue, level, levels, problem, marginalTokensPerSecond, marginalWatts) * secondsPerEpoch;
            steps++;
        }
        int greedySteps = steps;
        // Top-up: score with switching costs and keep taking steps while the validator would find the plan short.
        Plan plan = toPlan(level, family);
        Evaluation evaluation = PlanEvaluator.evaluate(problem, plan);
        while (!evaluation.workloadReached() && !queue.isEmpty()) {
            take(queue, level, levels, problem, marginalTokensPerSecond, marginalWatts);
            steps++;
            plan = toPlan(level, family);
            evaluation = PlanEvaluator.evaluate(problem, plan);
        }
        if (!evaluation.workloadReached()) {
            return Baselines.noPlan(this, SolveStatus.INFEASIBLE,
                    "every epoch at the largest %s option still falls short of the workload once switching losses count"
                            .formatted(problem.option(family.get(0)).familyLabel()), started, settings);
        }
        Map<String, Object> statistics = new LinkedHashMap<>();
        statistics.put("family", problem.option(family.get(0)).familyLabel());
        statistics.put("greedySteps", greedySteps);
        statistics.put("topUpSteps", steps - greedySteps);
        return Baselines.feasible(this, problem, plan, started, settings,
                steps > greedySteps ? "added %d step(s) to cover switching losses".formatted(steps - greedySteps) : null,
                statistics);
    }

    /** Takes the best step, queues the next step of its epoch and returns the marginal tokens/s it adds. */
    private static double take(PriorityQueue<Step> queue, int[] level, int levels, Problem problem,
            double[] marginalTokensPerSecond, double[] marginalWatts) {
        Step best = queue.poll();
        level[best.epoch] = best.level;
        if (best.level < levels) {
            queue.add(step(problem, best.epoch, best.level + 1, marginalTokensPerSecond, marginalWatts));
        }
        return marginalTokensPerSecond[best.level];
    }

    private static Step step(Problem problem, int epoch, int level, double[] marginalTokensPerSecond, double[] marginalWatts) {
        double carbonWatts = marginalWatts[level] * problem.carbonIntensity(epoch);
        double value = carbonWatts > 0 ? marginalTokensPerSecond[level] / carbonWatts
                : Math.copySign(Double.POSITIVE_INFINITY, marginalTokensPerSecond[level]);
        return new Step(epoch, level, value);
    }

    private static Plan toPlan(int[] level, List<Integer> family) {
        int[] states = new int[level.length];
        Arrays.fill(states, Problem.PAUSED);
        for (int t = 0; t < level.length; t++) {
            if (level[t] > 0) {
                states[t] = family.get(level[t] - 1);
            }
        }
        return new Plan(states);
    }
}
