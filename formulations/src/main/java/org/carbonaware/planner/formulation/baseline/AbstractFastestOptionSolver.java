package org.carbonaware.planner.formulation.baseline;

import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.solve.PlanSolver;
import org.carbonaware.planner.solve.SolveResult;
import org.carbonaware.planner.solve.SolveSettings;
import org.carbonaware.planner.solve.SolveStatus;

/**
 * A baseline built around the fastest option (or its tp/pp family): every such policy needs one, so a problem
 * without any option within maxGpus is infeasible for all of them in the same way.
 */
abstract class AbstractFastestOptionSolver implements PlanSolver {

    private final String name;
    private final String oneSiteReason;
    private final boolean unrestrictedOnly;

    /**
     * @param oneSiteReason why the policy plans one site only (a one-line clause), or null when it plans any state list
     * @param unrestrictedOnly whether it also needs every epoch available and free switching
     */
    AbstractFastestOptionSolver(String name, String oneSiteReason, boolean unrestrictedOnly) {
        this.name = name;
        this.oneSiteReason = oneSiteReason;
        this.unrestrictedOnly = unrestrictedOnly;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String unsupported(Problem problem) {
        boolean restricted = unrestrictedOnly && problem.restricted();
        if (oneSiteReason != null && (problem.siteCount() > 1 || restricted)) {
            return oneSiteReason + (unrestrictedOnly ? " without availability rules" : "");
        }
        return null;
    }

    @Override
    public final SolveResult solve(Problem problem, SolveSettings settings) {
        long started = System.nanoTime();
        String unsupported = unsupported(problem);
        if (unsupported != null) {
            throw new IllegalArgumentException("the %s baseline %s".formatted(name, unsupported));
        }
        int fastest = problem.fastestOption();
        if (fastest == Problem.PAUSED) {
            return Baselines.noPlan(this, SolveStatus.INFEASIBLE, "no option fits within maxGpus", started, settings);
        }
        return solve(problem, settings, fastest, started);
    }

    /** Plans with the fastest option's index at hand; {@code startedNanos} times the whole solve. */
    abstract SolveResult solve(Problem problem, SolveSettings settings, int fastest, long startedNanos);
}
