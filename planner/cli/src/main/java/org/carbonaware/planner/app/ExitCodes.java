package org.carbonaware.planner.app;

/** The documented exit codes of every command. */
public final class ExitCodes {

    /** Success; for validate: feasible and every stated figure matches. */
    public static final int OK = 0;
    /** Proven infeasible, or a validation failure. */
    public static final int INFEASIBLE_OR_INVALID = 1;
    /** Bad input or usage. */
    public static final int BAD_INPUT = 2;
    /** No solution found within the time limit. */
    public static final int NO_SOLUTION = 3;
    /** A bug or an environment failure (for example the native solver library did not load). */
    public static final int INTERNAL_ERROR = 70;

    private ExitCodes() {
    }
}
