package org.carbonaware.planner.rolling;

import java.time.Instant;

/**
 * One re-plan of a rolling-horizon run.
 *
 * @param epoch the decision epoch; its start is the decision time
 * @param forecastIssuedAt issue time of the forecast used (null: none issued yet, fallback only)
 * @param forecastEpochs remaining epochs covered by the forecast; the rest used the fallback
 * @param initialState the running state carried in from the committed past ({@code Problem.PAUSED} = -1)
 * @param remainingTokens workload still to train at the decision time
 * @param slackHours remaining hours to the deadline minus the hours the best single option needs to finish from the
 *     carried state; never negative
 * @param status the solver's status on the remaining problem
 * @param keptPreviousPlan true when the solver returned no usable plan and the previous plan's tail was committed
 * @param committedEpochs epochs committed before the next re-plan
 * @param plannedWindowKg the committed epochs' kg on the forecast, as planned
 * @param realisedWindowKg the same epochs' kg on the actual trace
 * @param plannedRemainingKg the whole remaining plan's kg on the forecast
 * @param forecastMeanGramsPerKwh mean forecast carbon intensity of the committed epochs
 * @param actualMeanGramsPerKwh mean actual carbon intensity of the committed epochs
 * @param forecastMeanAbsoluteError mean |forecast - actual| of the committed epochs, gCO2eq/kWh
 */
public record Replan(int index, int epoch, Instant decisionTime, Instant forecastIssuedAt, int forecastEpochs,
                     int fallbackEpochs, int initialState, double remainingTokens, double slackHours, String status,
                     double solveSeconds, boolean keptPreviousPlan, int committedEpochs, double plannedWindowKg,
                     double realisedWindowKg, double plannedRemainingKg, double forecastMeanGramsPerKwh,
                     double actualMeanGramsPerKwh, double forecastMeanAbsoluteError) {
}
