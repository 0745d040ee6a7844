package org.carbonaware.planner.domain;

import java.nio.file.Path;

/** Where the forecast a planner sees at a decision time comes from (the instance field {@code forecast.type}). */
public sealed interface ForecastSource {

    /** The value of {@code forecast.type}. */
    String type();

    /**
     * A forecast column beside the actual (DACF style: one day-ahead value per hour), read as issued every day at
     * {@code issueHourUtc}:00 UTC for the {@code horizonHours} hours from the issue time.
     */
    record Column(Path file, String column, int issueHourUtc, double horizonHours) implements ForecastSource {
        public static final int DEFAULT_ISSUE_HOUR_UTC = 0;
        public static final double DEFAULT_HORIZON_HOURS = 24;

        @Override
        public String type() {
            return "column";
        }
    }

    /**
     * Forecast vintages (WattTime style: {@code request_time,forecast_time,value}); at a decision time only the
     * latest vintage requested at or before it is used.
     */
    record Vintages(Path file, String column) implements ForecastSource {
        @Override
        public String type() {
            return "vintages";
        }
    }

    /**
     * The actual plus a seeded relative error that follows an AR(1) process over the lead time, with standard
     * deviation {@code sigmaAt1h} one hour ahead and {@code sigmaAt24h} a day ahead; issued every
     * {@code issueEveryHours} from the job start for {@code horizonHours}.
     */
    record Synthetic(long seed, double sigmaAt1h, double sigmaAt24h, double issueEveryHours, double horizonHours)
            implements ForecastSource {
        /** Hour-ahead relative sigma: about the 1-hour persistence error of the DACF actuals (2.4–12 %, median 4 %). */
        public static final double DEFAULT_SIGMA_AT_1H = 0.03;
        /** Day-ahead relative sigma: day-ahead CI forecasts have a MAPE of 3–9 % (DACF) and 7–10 % (GB API, CarbonX). */
        public static final double DEFAULT_SIGMA_AT_24H = 0.10;
        public static final double DEFAULT_ISSUE_EVERY_HOURS = 1;
        public static final double DEFAULT_HORIZON_HOURS = 24;

        @Override
        public String type() {
            return "synthetic";
        }
    }

    /** Perfect foresight: the actual trace, known in full from the start (the oracle). */
    record Actual() implements ForecastSource {
        @Override
        public String type() {
            return "actual";
        }
    }
}
