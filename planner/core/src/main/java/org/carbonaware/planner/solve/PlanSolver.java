package org.carbonaware.planner.solve;

import java.util.List;

import org.carbonaware.planner.domain.Problem;

/**
 * A formulation or baseline: turns a problem into a plan. Implementations live outside the core and describe
 * themselves (name, version, options) so the registry, the listings and the option checks need no switch on names.
 */
public interface PlanSolver {

    /** Version string of the pure-Java solvers that run no third-party solver library. */
    String PLANNER_VERSION = "planner";

    /** The name users pass to {@code --solver}. */
    String name();

    /** What the solver runs on, as its results record it (for example "OR-Tools 9.15.6755"). */
    default String version() {
        return PLANNER_VERSION;
    }

    /** One line for listings: the method and whether it proves optimality. */
    String summary();

    /** The options the solver takes; anything else given for it is an input error. */
    default List<SolverOption<?>> options() {
        return List.of();
    }

    /**
     * Checks that involve several options or the solver library (for example backend options the backend
     * rejects). Called once with option values that already passed their declared type and range.
     *
     * @throws org.carbonaware.planner.common.InputException naming the option and value
     */
    default void checkOptions(SolveSettings settings) {
    }

    /**
     * Why the solver cannot plan this problem at all (a one-line clause such as "plans one site's tp/pp family"),
     * or null when it can. Checked before solving, so that a policy that plans one site by nature refuses a
     * multi-site instance as an input error rather than mis-planning it.
     */
    default String unsupported(Problem problem) {
        return null;
    }

    /**
     * An estimate of the Java heap the solve's large tables take at their peak for this problem (for the state-graph
     * solvers: tables of states² per epoch, the arc masks, the label budget), or 0 when it builds none. Must be cheap:
     * it is checked against {@link HeapBudget} before solving, so that a problem that cannot fit is refused before
     * anything is allocated.
     */
    default long heapBytes(Problem problem, SolveSettings settings) {
        return 0;
    }

    SolveResult solve(Problem problem, SolveSettings settings);
}
