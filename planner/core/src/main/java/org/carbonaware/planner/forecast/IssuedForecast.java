package org.carbonaware.planner.forecast;

import org.carbonaware.planner.domain.Problem;

/** A source of forecasts: what was issued at or before a decision time, and nothing issued later. */
public interface IssuedForecast {

    /**
     * The latest forecast issued at or before the start of epoch {@code fromEpoch} of {@code grid} (the problem on
     * the actual trace), for the epochs {@code fromEpoch} to the end.
     */
    Issue latest(Problem grid, int fromEpoch);
}
