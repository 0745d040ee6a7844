package org.carbonaware.planner.solve;

import org.carbonaware.planner.domain.Problem;

/** A formulation or baseline: turns a problem into a plan. Implementations live outside the core. */
public interface PlanSolver {

    /** The name users pass to {@code --solver}. */
    String name();

    SolveResult solve(Problem problem, SolveSettings settings);
}
