package org.carbonaware.planner.formulation.baseline;

import java.util.Map;

import org.carbonaware.planner.domain.Plan;
import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.solve.SolveResult;
import org.carbonaware.planner.solve.SolveSettings;
import org.carbonaware.planner.solve.SolveStatus;
import org.carbonaware.planner.validate.PlanEvaluator;

/**
 * Whole-job shifting (GreenFlow, the Carbon Aware SDK's "best window"): the fastest option runs without a pause
 * from the start epoch that minimises total grams among the starts that still reach the workload by the deadline.
 * Ties go to the earliest start.
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
        Plan best = null;
        double bestKg = Double.POSITIVE_INFINITY;
        int bestStart = -1;
        for (int start = 0; start < problem.epochCount(); start++) {
            boolean[] runnable = new boolean[problem.epochCount()];
            for (int t = start; t < runnable.length; t++) {
                runnable[t] = true;
            }
            Plan plan = Baselines.runWhereAllowed(problem, fastest, runnable);
            if (plan == null) {
                break; // later starts leave even fewer epochs
            }
            double kg = PlanEvaluator.evaluate(problem, plan).totalKg();
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
}
