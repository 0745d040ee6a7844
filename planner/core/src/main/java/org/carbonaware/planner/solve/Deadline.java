package org.carbonaware.planner.solve;

/**
 * The wall-clock budget of one solve: the time limit, counted from when the solve started. Solvers share it out
 * over their phases (presolve, model, extraction) and stop a phase when its share is used, so the whole solve stays
 * within the limit.
 *
 * @param startedNanos {@link System#nanoTime()} when the solve started
 * @param limitSeconds the whole budget
 */
public record Deadline(long startedNanos, double limitSeconds) {

    /** A budget of the settings' time limit, starting now. */
    public static Deadline start(SolveSettings settings) {
        return new Deadline(System.nanoTime(), settings.timeLimitSeconds());
    }

    public double elapsedSeconds() {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    /** Seconds left, never negative. */
    public double remainingSeconds() {
        return Math.max(0, limitSeconds - elapsedSeconds());
    }

    public boolean passed() {
        return elapsedSeconds() >= limitSeconds;
    }

    /** The {@link System#nanoTime()} at which {@code fraction} of the budget is used (for a phase's own end). */
    public long nanosAtFraction(double fraction) {
        return startedNanos + (long) (fraction * limitSeconds * 1e9);
    }

    /** The same budget with {@code seconds} held back at the end (for work after the phase that uses this one). */
    public Deadline reserving(double seconds) {
        return new Deadline(startedNanos, Math.max(0, limitSeconds - seconds));
    }
}
