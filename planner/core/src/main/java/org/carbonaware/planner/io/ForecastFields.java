package org.carbonaware.planner.io;

import java.nio.file.Path;

import org.carbonaware.planner.common.JsonFields;
import org.carbonaware.planner.domain.Fallback;
import org.carbonaware.planner.domain.Forecast;
import org.carbonaware.planner.domain.ForecastSource;
import org.carbonaware.planner.domain.Signal;

/**
 * Reads the fields {@code signal} and {@code forecast} of an instance (top level of a one-site instance, or one
 * site), and the same forecast block given on the command line.
 */
public final class ForecastFields {

    static final String TYPES = "[column, vintages, synthetic, actual]";

    private ForecastFields() {
    }

    /** The field {@code signal}: average (default) or marginal. */
    public static Signal signal(JsonFields fields, Signal defaultSignal) {
        if (!fields.has("signal")) {
            return defaultSignal;
        }
        String text = fields.string("signal");
        Signal signal = Signal.fromLabel(text);
        if (signal == null) {
            throw fields.error(fields.fieldPath("signal"), "\"%s\" is not a signal; use one of %s."
                    .formatted(text, Signal.labels()));
        }
        return signal;
    }

    /**
     * The block {@code forecast}; relative files resolve against {@code base}, a column forecast without a file reads
     * the actual trace's file, and the forecast's signal defaults to the trace's.
     */
    public static Forecast parse(JsonFields block, Path base, Path actualFile, Signal traceSignal) {
        String type = block.string("type");
        ForecastSource source = switch (type) {
            case "column" -> new ForecastSource.Column(
                    block.has("file") ? resolve(base, block.string("file")) : actualFile,
                    block.string("column"),
                    issueHour(block),
                    positive(block, "horizonHours", ForecastSource.Column.DEFAULT_HORIZON_HOURS));
            case "vintages" -> new ForecastSource.Vintages(resolve(base, block.string("file")), block.string("column", null));
            case "synthetic" -> synthetic(block);
            case "actual" -> new ForecastSource.Actual();
            default -> throw block.error(block.fieldPath("type"), "\"%s\" is not a forecast type; use one of %s."
                    .formatted(type, TYPES));
        };
        Fallback fallback = Fallback.DEFAULT;
        if (block.has("fallback")) {
            String text = block.string("fallback");
            fallback = fallback(text, block.file() + ": field '" + block.fieldPath("fallback") + "'");
        }
        double trailingHours = positive(block, "trailingHours", Forecast.DEFAULT_TRAILING_HOURS);
        if (trailingHours * 60 != Math.rint(trailingHours * 60)) {
            throw block.error(block.fieldPath("trailingHours"), "%s h is not a whole number of minutes."
                    .formatted(JsonFields.format(trailingHours)));
        }
        Signal signal = signal(block, traceSignal);
        block.rejectUnknownFields();
        return new Forecast(source, fallback, trailingHours, signal);
    }

    /** The fallback named {@code text}; {@code where} names the field or option in the error. */
    public static Fallback fallback(String text, String where) {
        Fallback fallback = Fallback.fromLabel(text);
        if (fallback == null) {
            throw new org.carbonaware.planner.common.InputException("%s: unknown fallback \"%s\"; use one of %s."
                    .formatted(where, text, Fallback.labels()));
        }
        return fallback;
    }

    private static ForecastSource.Synthetic synthetic(JsonFields block) {
        long seed = block.integer("seed", 1);
        double sigmaAt1h = nonNegative(block, "sigmaAt1h", ForecastSource.Synthetic.DEFAULT_SIGMA_AT_1H);
        double sigmaAt24h = nonNegative(block, "sigmaAt24h", ForecastSource.Synthetic.DEFAULT_SIGMA_AT_24H);
        if (sigmaAt24h < sigmaAt1h) {
            throw block.error(block.fieldPath("sigmaAt24h"), "%s is below sigmaAt1h=%s; the error of a forecast grows with lead time."
                    .formatted(JsonFields.format(sigmaAt24h), JsonFields.format(sigmaAt1h)));
        }
        return new ForecastSource.Synthetic(seed, sigmaAt1h, sigmaAt24h,
                positive(block, "issueEveryHours", ForecastSource.Synthetic.DEFAULT_ISSUE_EVERY_HOURS),
                positive(block, "horizonHours", ForecastSource.Synthetic.DEFAULT_HORIZON_HOURS));
    }

    private static int issueHour(JsonFields block) {
        int hour = block.integer("issueHourUtc", ForecastSource.Column.DEFAULT_ISSUE_HOUR_UTC);
        if (hour < 0 || hour > 23) {
            throw block.error(block.fieldPath("issueHourUtc"), "must be an hour of the day 0-23, got " + hour);
        }
        return hour;
    }

    private static double positive(JsonFields block, String field, double defaultValue) {
        return block.has(field) ? block.positive(field) : defaultValue;
    }

    private static double nonNegative(JsonFields block, String field, double defaultValue) {
        return block.nonNegative(field, defaultValue);
    }

    private static Path resolve(Path base, String file) {
        return base.resolve(file).normalize();
    }
}
