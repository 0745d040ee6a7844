package org.carbonaware.planner.app;

/** A failure with a one-line message and the exit code it maps to. */
public class PlannerException extends RuntimeException {

    private final int exitCode;

    public PlannerException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
