package org.carbonaware.planner.domain;

/**
 * The instance field {@code forecast}: the forecast source, the fallback beyond its horizon and the signal the
 * forecast is of (it must match the signal of the actual trace it forecasts).
 *
 * @param trailingHours window of the trailing-mean fallback
 */
public record Forecast(ForecastSource source, Fallback fallback, double trailingHours, Signal signal) {

    public static final double DEFAULT_TRAILING_HOURS = 24;

    /** Perfect foresight of a trace of the given signal. */
    public static Forecast actual(Signal signal) {
        return new Forecast(new ForecastSource.Actual(), Fallback.DEFAULT, DEFAULT_TRAILING_HOURS, signal);
    }

    /** One line naming the source and fallback, for logs and summaries. */
    public String describe() {
        String where = switch (source) {
            case ForecastSource.Column column -> column.file().getFileName() + ":" + column.column()
                    + " issued " + "%02d:00Z".formatted(column.issueHourUtc()) + " +" + number(column.horizonHours()) + "h";
            case ForecastSource.Vintages vintages -> vintages.file().getFileName().toString();
            case ForecastSource.Synthetic synthetic -> "seed " + synthetic.seed() + " sigma " + number(synthetic.sigmaAt1h())
                    + "@1h " + number(synthetic.sigmaAt24h()) + "@24h every " + number(synthetic.issueEveryHours())
                    + "h +" + number(synthetic.horizonHours()) + "h";
            case ForecastSource.Actual actual -> "perfect foresight";
        };
        return source.type() + " (" + where + "), fallback " + fallback.label()
                + (fallback == Fallback.TRAILING_MEAN ? " " + number(trailingHours) + "h" : "");
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
