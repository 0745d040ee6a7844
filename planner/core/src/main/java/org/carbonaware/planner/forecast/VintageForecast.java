package org.carbonaware.planner.forecast;

import java.time.Instant;
import java.util.Arrays;

import org.carbonaware.planner.domain.Problem;

/**
 * Forecast vintages (WattTime style): at every request time a forecast of the following forecast times. At a
 * decision time only the latest vintage requested at or before it is used; later vintages are never looked at.
 */
public final class VintageForecast implements IssuedForecast {

    private final String sourceName;
    private final long[] requestSeconds;
    private final Samples[] vintages;

    /**
     * @param requestSeconds strictly increasing request times
     * @param vintages the forecast of each request time, each sorted by forecast time
     */
    VintageForecast(String sourceName, long[] requestSeconds, Samples[] vintages) {
        if (requestSeconds.length != vintages.length || requestSeconds.length == 0) {
            throw new IllegalArgumentException("one vintage per request time, at least one");
        }
        this.sourceName = sourceName;
        this.requestSeconds = requestSeconds.clone();
        this.vintages = vintages.clone();
    }

    public String sourceName() {
        return sourceName;
    }

    public int vintageCount() {
        return requestSeconds.length;
    }

    public Instant firstRequest() {
        return Instant.ofEpochSecond(requestSeconds[0]);
    }

    @Override
    public Issue latest(Problem grid, int fromEpoch) {
        long decision = grid.epochStart(fromEpoch).getEpochSecond();
        int index = Arrays.binarySearch(requestSeconds, decision);
        int latest = index >= 0 ? index : -index - 2;
        double[] values = new double[grid.epochCount() - fromEpoch];
        Arrays.fill(values, Double.NaN);
        if (latest < 0) {
            return new Issue(null, values);
        }
        Samples vintage = vintages[latest];
        long epochSeconds = grid.epochMinutes() * 60L;
        for (int e = fromEpoch; e < grid.epochCount(); e++) {
            long start = grid.epochStart(e).getEpochSecond();
            values[e - fromEpoch] = vintage.mean(start, start + epochSeconds);
        }
        return new Issue(Instant.ofEpochSecond(requestSeconds[latest]), values);
    }
}
