package org.carbonaware.planner.forecast;

import java.time.Instant;

import org.carbonaware.planner.common.InputException;
import org.carbonaware.planner.domain.Fallback;
import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.trace.CarbonTrace;

/**
 * Fills the epochs a forecast does not cover from the actuals observed before the decision time t:
 * seasonal-naive takes the same epoch k periods earlier, for the smallest k ≥ 1 whose epoch ended by t;
 * the trailing mean takes the mean of the actual samples in [t - trailingHours, t) for every epoch.
 */
public final class FallbackForecast {

    private final Fallback fallback;
    private final double trailingHours;
    private final CarbonTrace actualTrace;
    private final String where;

    /** @param where names the instance field in errors */
    public FallbackForecast(Fallback fallback, double trailingHours, CarbonTrace actualTrace, String where) {
        this.fallback = fallback;
        this.trailingHours = trailingHours;
        this.actualTrace = actualTrace;
        this.where = where;
    }

    public Fallback fallback() {
        return fallback;
    }

    /** A copy of {@code values} (epochs from {@code fromEpoch} of {@code grid}) with every NaN replaced. */
    public double[] fill(Problem grid, int fromEpoch, double[] values) {
        double[] filled = values.clone();
        long decision = grid.epochStart(fromEpoch).getEpochSecond();
        int epochMinutes = grid.epochMinutes();
        long epochSeconds = epochMinutes * 60L;
        double trailingMean = Double.NaN;
        for (int i = 0; i < filled.length; i++) {
            if (!Double.isNaN(filled[i])) {
                continue;
            }
            if (fallback == Fallback.TRAILING_MEAN) {
                if (Double.isNaN(trailingMean)) {
                    long from = decision - Math.round(trailingHours * 3600);
                    requireObserved(from, decision);
                    trailingMean = actualTrace.epochMeans(Instant.ofEpochSecond(from), (int) Math.round(trailingHours * 60), 1)[0];
                }
                filled[i] = trailingMean;
                continue;
            }
            long start = grid.epochStart(fromEpoch + i).getEpochSecond();
            long period = fallback.periodHours() * 3600L;
            long periods = Math.max(1, Math.ceilDiv(start + epochSeconds - decision, period));
            long source = start - periods * period;
            requireObserved(source, decision);
            filled[i] = actualTrace.epochMeans(Instant.ofEpochSecond(source), epochMinutes, 1)[0];
        }
        return filled;
    }

    private void requireObserved(long fromSeconds, long decisionSeconds) {
        if (fromSeconds < actualTrace.first().getEpochSecond()) {
            throw new InputException("%s: fallback %s at %s needs actuals from %s, but %s starts at %s. Maybe start the job later or choose another fallback?"
                    .formatted(where, fallback.label(), Instant.ofEpochSecond(decisionSeconds), Instant.ofEpochSecond(fromSeconds),
                            actualTrace.sourceName(), actualTrace.first()));
        }
    }
}
