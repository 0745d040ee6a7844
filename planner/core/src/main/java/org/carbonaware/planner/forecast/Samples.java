package org.carbonaware.planner.forecast;

/**
 * A sorted run of timestamped values, each holding until the next and the last for {@code stepSeconds}, read per
 * epoch with the rule of the trace reader (mean of the samples inside the epoch, else the latest sample at or
 * before its start), but with NaN instead of an error where the samples do not reach.
 */
record Samples(long[] seconds, double[] values, long stepSeconds) {

    /** The value of [fromSeconds, toSeconds), or NaN when no sample lies inside and the samples do not cover its start. */
    double mean(long fromSeconds, long toSeconds) {
        int first = lowerBound(fromSeconds);
        double sum = 0;
        int count = 0;
        for (int i = first; i < seconds.length && seconds[i] < toSeconds; i++) {
            sum += values[i];
            count++;
        }
        if (count > 0) {
            return sum / count;
        }
        int latest = lowerBound(fromSeconds + 1) - 1;
        if (latest < 0 || fromSeconds >= seconds[seconds.length - 1] + stepSeconds) {
            return Double.NaN;
        }
        return values[latest];
    }

    private int lowerBound(long value) {
        int index = java.util.Arrays.binarySearch(seconds, value);
        return index >= 0 ? index : -index - 1;
    }
}
