package org.carbonaware.planner.forecast;

import java.time.Instant;

/**
 * One forecast as a planner sees it at a decision time: the carbon intensity of the epochs from the decision
 * epoch on, NaN where the forecast says nothing (beyond its horizon).
 *
 * @param issuedAt when the forecast was issued (at or before the decision time), or null when none was issued yet
 */
public record Issue(Instant issuedAt, double[] gramsPerKwh) {

    public Issue {
        gramsPerKwh = gramsPerKwh.clone();
    }

    @Override
    public double[] gramsPerKwh() {
        return gramsPerKwh.clone();
    }

    /** Epochs from the decision epoch on that the forecast covers without a gap. */
    public int coveredPrefix() {
        int count = 0;
        while (count < gramsPerKwh.length && !Double.isNaN(gramsPerKwh[count])) {
            count++;
        }
        return count;
    }
}
