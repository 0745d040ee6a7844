package org.carbonaware.planner.forecast;

import java.time.Instant;

/**
 * The carbon intensity a planner assumes at a decision time for every remaining epoch: the latest forecast where
 * it reaches, the fallback beyond.
 *
 * @param fromEpoch the decision epoch (its start is the decision time)
 * @param issuedAt when the forecast used was issued, or null when none was issued yet
 * @param forecastEpochs remaining epochs the forecast covers
 * @param coveredPrefix leading remaining epochs the forecast covers without a gap
 */
public record ForecastView(int fromEpoch, Instant decisionTime, Instant issuedAt, double[] gramsPerKwh, int forecastEpochs,
                           int coveredPrefix) {

    public ForecastView {
        gramsPerKwh = gramsPerKwh.clone();
    }

    @Override
    public double[] gramsPerKwh() {
        return gramsPerKwh.clone();
    }

    public int fallbackEpochs() {
        return gramsPerKwh.length - forecastEpochs;
    }
}
