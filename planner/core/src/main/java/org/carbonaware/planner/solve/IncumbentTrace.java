package org.carbonaware.planner.solve;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The improvements a solver made while it ran: (seconds since the solve started, objective kg of the new best
 * plan), stored in {@link SolveResult#statistics()} under {@link #STATISTIC}. The objectives are the solver's own
 * (for CP-SAT its scaled integer objective); only the final plan is re-scored by the validator.
 *
 * <p>Thread-safe, because solver callbacks may run on solver threads. Improvements less than
 * {@link #MERGE_FRACTION} of the elapsed time after the previous one replace it, which keeps the trace short
 * (a few hundred points) on a logarithmic time axis without losing the final value of a burst.
 */
public final class IncumbentTrace {

    public static final String STATISTIC = "incumbents";
    static final double MERGE_FRACTION = 0.02;
    /** Relative decrease that counts as an improvement (smaller changes are rounding, not a better plan). */
    static final double IMPROVEMENT = 1e-9;

    private final long startedNanos;
    private final List<double[]> pointList = new ArrayList<>();

    /** @param startedNanos {@link System#nanoTime()} when the solve started */
    public IncumbentTrace(long startedNanos) {
        this.startedNanos = startedNanos;
    }

    /** A new best plan of {@code objectiveKg} found now; ignored unless it improves on the last one by 1e-9 or more. */
    public void improved(double objectiveKg) {
        improvedAt((System.nanoTime() - startedNanos) / 1e9, objectiveKg);
    }

    /** A new best plan found {@code seconds} after the start (for improvements timed elsewhere, e.g. a presolve). */
    public synchronized void improvedAt(double seconds, double objectiveKg) {
        if (!Double.isFinite(seconds) || !Double.isFinite(objectiveKg)) {
            return;
        }
        if (!pointList.isEmpty()) {
            double[] last = pointList.get(pointList.size() - 1);
            if (objectiveKg >= last[1] * (1 - IMPROVEMENT)) {
                return;
            }
            if (pointList.size() > 1 && seconds - last[0] < MERGE_FRACTION * seconds) {
                pointList.set(pointList.size() - 1, new double[] {seconds, objectiveKg});
                return;
            }
        }
        pointList.add(new double[] {seconds, objectiveKg});
    }

    /** Seconds to the first recorded plan, NaN when none was recorded. */
    public synchronized double firstSeconds() {
        return pointList.isEmpty() ? Double.NaN : pointList.get(0)[0];
    }

    public synchronized boolean isEmpty() {
        return pointList.isEmpty();
    }

    /** The trace as the statistic's value: a list of [seconds, objectiveKg] pairs in time order. */
    public synchronized List<List<Double>> toStatistic() {
        List<List<Double>> list = new ArrayList<>();
        for (double[] point : pointList) {
            list.add(List.of(point[0], point[1]));
        }
        return List.copyOf(list);
    }

    /** Puts the trace into a statistics map (nothing when no improvement was recorded). */
    public void addTo(Map<String, Object> statistics) {
        if (!isEmpty()) {
            statistics.put(STATISTIC, toStatistic());
        }
    }
}
