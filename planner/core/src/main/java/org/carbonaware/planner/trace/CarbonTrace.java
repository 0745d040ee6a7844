package org.carbonaware.planner.trace;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

import org.carbonaware.planner.common.InputException;

/**
 * A carbon-intensity time series in gCO2eq/kWh, sorted by time. Each sample holds from its timestamp; the
 * last one holds for one typical sample step.
 */
public final class CarbonTrace {

    private final String sourceName;
    private final long[] epochSeconds;
    private final double[] gramsPerKwh;
    private final long stepSeconds;
    /** The file line of each sample (for messages), or null when the trace was not read from a file. */
    private final long[] lines;

    public CarbonTrace(String sourceName, long[] epochSeconds, double[] gramsPerKwh) {
        this(sourceName, epochSeconds, gramsPerKwh, null);
    }

    public CarbonTrace(String sourceName, long[] epochSeconds, double[] gramsPerKwh, long[] lines) {
        if (lines != null && lines.length != epochSeconds.length) {
            throw new IllegalArgumentException("timestamps and lines differ in length");
        }
        if (epochSeconds.length != gramsPerKwh.length) {
            throw new IllegalArgumentException("timestamps and values differ in length");
        }
        if (epochSeconds.length == 0) {
            throw new InputException(sourceName + ": the trace has no samples. Maybe the file holds only a header?");
        }
        for (int i = 1; i < epochSeconds.length; i++) {
            if (epochSeconds[i] <= epochSeconds[i - 1]) {
                throw new IllegalArgumentException("timestamps must be strictly increasing");
            }
        }
        this.sourceName = sourceName;
        this.epochSeconds = epochSeconds.clone();
        this.gramsPerKwh = gramsPerKwh.clone();
        this.stepSeconds = typicalStep(epochSeconds);
        this.lines = lines == null ? null : lines.clone();
    }

    /** The most common spacing between samples (one hour for a single-sample trace). */
    private static long typicalStep(long[] seconds) {
        if (seconds.length < 2) {
            return 3600;
        }
        long[] steps = new long[seconds.length - 1];
        for (int i = 1; i < seconds.length; i++) {
            steps[i - 1] = seconds[i] - seconds[i - 1];
        }
        return mostCommon(steps);
    }

    /** The most frequent of {@code values} (ties: the smallest); {@code values} must not be empty. */
    public static long mostCommon(long[] values) {
        long[] steps = values.clone();
        Arrays.sort(steps);
        long best = steps[0];
        int bestCount = 0;
        for (int i = 0; i < steps.length; ) {
            int j = i;
            while (j < steps.length && steps[j] == steps[i]) {
                j++;
            }
            if (j - i > bestCount) {
                bestCount = j - i;
                best = steps[i];
            }
            i = j;
        }
        return best;
    }

    public String sourceName() {
        return sourceName;
    }

    public int size() {
        return epochSeconds.length;
    }

    public Instant first() {
        return Instant.ofEpochSecond(epochSeconds[0]);
    }

    /** End of coverage: the last sample plus one typical step. */
    public Instant coveredUntil() {
        return Instant.ofEpochSecond(epochSeconds[epochSeconds.length - 1] + stepSeconds);
    }

    public Duration step() {
        return Duration.ofSeconds(stepSeconds);
    }

    public Instant time(int i) {
        return Instant.ofEpochSecond(epochSeconds[i]);
    }

    public double value(int i) {
        return gramsPerKwh[i];
    }

    /**
     * Carbon intensity per epoch: the mean of the samples in [epoch start, epoch end), or, where no sample
     * falls inside (a trace coarser than the epoch), the latest sample at or before the epoch start.
     */
    public double[] epochMeans(Instant start, int epochMinutes, int epochCount) {
        long startSeconds = start.getEpochSecond();
        long epochSecondsLength = epochMinutes * 60L;
        long endSeconds = startSeconds + epochSecondsLength * epochCount;
        if (startSeconds < epochSeconds[0] || endSeconds > epochSeconds[epochSeconds.length - 1] + stepSeconds) {
            throw new InputException("%s: the trace covers %s to %s but the plan needs %s to %s. Maybe the instance's start or deadlineHours is off, or another trace year is needed?"
                    .formatted(sourceName, first(), coveredUntil(), start, Instant.ofEpochSecond(endSeconds)));
        }
        double[] means = new double[epochCount];
        int i = lowerBound(startSeconds);
        for (int t = 0; t < epochCount; t++) {
            long from = startSeconds + t * epochSecondsLength;
            long to = from + epochSecondsLength;
            double sum = 0;
            int count = 0;
            while (i < epochSeconds.length && epochSeconds[i] < to) {
                if (epochSeconds[i] >= from) {
                    sum += gramsPerKwh[i];
                    count++;
                }
                i++;
            }
            if (count > 0) {
                means[t] = sum / count;
            } else {
                int latest = lowerBound(from + 1) - 1;
                means[t] = gramsPerKwh[latest];
            }
        }
        return means;
    }

    /**
     * Checks the gaps between consecutive samples that reach into [start, start + epochCount epochs) and counts the
     * epochs they fill: a gap longer than {@code maxGapMinutes} (null: twice the trace's step) is an input error naming
     * both lines; a shorter one fills every epoch it reaches into (part of the epoch lies after one sample's step has
     * ended and before the next sample, so its value is carried over from earlier samples).
     *
     * @param field the instance field that sets the limit, for the message
     * @return the filled epochs of the horizon
     */
    public int checkGaps(Instant start, int epochMinutes, int epochCount, Double maxGapMinutes, String field) {
        long limitSeconds = maxGapMinutes == null ? 2 * stepSeconds : Math.round(maxGapMinutes * 60);
        long from = start.getEpochSecond();
        long length = epochMinutes * 60L;
        long to = from + length * epochCount;
        boolean[] filled = new boolean[epochCount];
        for (int i = Math.max(0, lowerBound(from + 1) - 1); i + 1 < epochSeconds.length && epochSeconds[i] < to; i++) {
            long gap = epochSeconds[i + 1] - epochSeconds[i];
            if (gap > limitSeconds) {
                throw new InputException("%s:%s: %s-minute gap from %s (line %s) to %s (line %s) inside the plan's horizon is longer than %s %s min%s. Maybe add the missing rows or raise %s?"
                        .formatted(sourceName, line(i + 1), minutes(gap), time(i), line(i), time(i + 1), line(i + 1),
                                field, minutes(limitSeconds), maxGapMinutes == null ? " (default: twice the trace's " + minutes(stepSeconds) + "-minute step)" : "",
                                field));
            }
            long uncoveredFrom = Math.max(from, epochSeconds[i] + stepSeconds);
            long uncoveredTo = Math.min(to, epochSeconds[i + 1]);
            if (uncoveredFrom < uncoveredTo) {
                int first = (int) ((uncoveredFrom - from) / length);
                int last = (int) ((uncoveredTo - 1 - from) / length);
                for (int t = first; t <= last; t++) {
                    filled[t] = true;
                }
            }
        }
        int count = 0;
        for (boolean f : filled) {
            count += f ? 1 : 0;
        }
        return count;
    }

    private String line(int i) {
        return lines == null ? "sample " + i : String.valueOf(lines[i]);
    }

    private static String minutes(long seconds) {
        return seconds % 60 == 0 ? String.valueOf(seconds / 60) : String.format(java.util.Locale.ROOT, "%.2f", seconds / 60.0);
    }

    /** First index whose timestamp is >= seconds. */
    private int lowerBound(long seconds) {
        int index = Arrays.binarySearch(epochSeconds, seconds);
        return index >= 0 ? index : -index - 1;
    }
}
