package org.carbonaware.planner.formulation.baseline;

import java.util.Arrays;
import java.util.Map;

import org.carbonaware.planner.domain.Plan;
import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.solve.SolveResult;
import org.carbonaware.planner.solve.SolveSettings;
import org.carbonaware.planner.solve.SolveStatus;

/**
 * Time-optimised training: the fastest option (highest tokens/s; ties: fewer watts, then fewer GPUs) runs from
 * epoch 0 without a pause until the workload is reached, and the job is paused afterwards.
 */
public final class FixedFastestSolver extends AbstractFastestOptionSolver {

    public static final String NAME = "fixed-fastest";

    public FixedFastestSolver() {
        super(NAME, null, false);
    }

    @Override
    public String summary() {
        return "time-optimised: the fastest option from epoch 0 without a pause";
    }

    @Override
    SolveResult solve(Problem problem, SolveSettings settings, int fastest, long started) {
        boolean[] always = new boolean[problem.epochCount()];
        Arrays.fill(always, true);
        Plan plan = Baselines.runWhereAllowed(problem, fastest, always);
        if (plan == null) {
            return Baselines.noPlan(this, SolveStatus.INFEASIBLE,
                    "the fastest option %s run without a pause does not reach the workload by the deadline"
                            .formatted(problem.stateLabel(fastest)), started, settings);
        }
        return Baselines.feasible(this, problem, plan, started, settings, null, Map.of("option", problem.stateLabel(fastest)));
    }
}
