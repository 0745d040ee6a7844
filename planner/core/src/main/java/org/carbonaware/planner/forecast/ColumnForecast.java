package org.carbonaware.planner.forecast;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.trace.CarbonTrace;

/**
 * A forecast column beside the actual (DACF style): one value per hour, read as issued every day at
 * {@code issueHourUtc}:00 UTC for the {@code horizonHours} from the issue time. At a decision time the planner
 * knows the column up to the end of the latest issue's horizon and nothing beyond it.
 */
public final class ColumnForecast implements IssuedForecast {

    private static final long DAY_SECONDS = 86_400;

    private final Samples samples;
    private final long coverageStartSeconds;
    private final int issueHourUtc;
    private final long horizonSeconds;

    public ColumnForecast(CarbonTrace column, int issueHourUtc, double horizonHours) {
        long[] seconds = new long[column.size()];
        double[] values = new double[column.size()];
        for (int i = 0; i < seconds.length; i++) {
            seconds[i] = column.time(i).getEpochSecond();
            values[i] = column.value(i);
        }
        this.samples = new Samples(seconds, values, column.step().getSeconds());
        this.coverageStartSeconds = seconds[0];
        this.issueHourUtc = issueHourUtc;
        this.horizonSeconds = Math.round(horizonHours * 3600);
    }

    /** The latest issue time at or before {@code decisionTime}. */
    public Instant issueTime(Instant decisionTime) {
        long shifted = decisionTime.getEpochSecond() - issueHourUtc * 3600L;
        return Instant.ofEpochSecond(Math.floorDiv(shifted, DAY_SECONDS) * DAY_SECONDS + issueHourUtc * 3600L);
    }

    @Override
    public Issue latest(Problem grid, int fromEpoch) {
        Instant issued = issueTime(grid.epochStart(fromEpoch));
        long horizonEnd = issued.getEpochSecond() + horizonSeconds;
        long epochSeconds = grid.epochMinutes() * 60L;
        double[] values = new double[grid.epochCount() - fromEpoch];
        Arrays.fill(values, Double.NaN);
        for (int e = fromEpoch; e < grid.epochCount(); e++) {
            long start = grid.epochStart(e).getEpochSecond();
            if (start + epochSeconds > horizonEnd) {
                break;
            }
            if (start >= coverageStartSeconds) {
                values[e - fromEpoch] = samples.mean(start, start + epochSeconds);
            }
        }
        return new Issue(issued, values);
    }

    public Duration horizon() {
        return Duration.ofSeconds(horizonSeconds);
    }
}
