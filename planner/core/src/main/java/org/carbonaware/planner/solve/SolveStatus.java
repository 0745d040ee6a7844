package org.carbonaware.planner.solve;

/** Outcome of a solve, kept distinct as the exact solvers report it. */
public enum SolveStatus {
    /** Proven optimal (within the documented scaling tolerance). */
    OPTIMAL,
    /** A feasible plan, not proven optimal. */
    FEASIBLE,
    /** Proven that no plan reaches the workload by the deadline. */
    INFEASIBLE,
    /** No plan found and nothing proven within the limits. */
    UNKNOWN;

    public boolean hasPlan() {
        return this == OPTIMAL || this == FEASIBLE;
    }
}
