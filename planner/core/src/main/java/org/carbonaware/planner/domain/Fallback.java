package org.carbonaware.planner.domain;

import java.util.Arrays;
import java.util.Locale;

/**
 * The carbon intensity assumed for epochs beyond a forecast's horizon, computed only from actuals observed
 * before the decision time, so that anyone can reproduce it.
 */
public enum Fallback {
    /** The same epoch of the previous day (or of the latest fully observed day). */
    SEASONAL_DAILY("seasonal-daily", 24),
    /** The same epoch of the previous week (or of the latest fully observed week). */
    SEASONAL_WEEKLY("seasonal-weekly", 168),
    /** The mean of the actuals over the trailing window before the decision time, for every later epoch. */
    TRAILING_MEAN("trailing-mean", 0);

    public static final Fallback DEFAULT = SEASONAL_DAILY;

    private final String label;
    private final int periodHours;

    Fallback(String label, int periodHours) {
        this.label = label;
        this.periodHours = periodHours;
    }

    public String label() {
        return label;
    }

    /** The season of a seasonal-naive fallback in hours; 0 for the trailing mean. */
    public int periodHours() {
        return periodHours;
    }

    /** The fallback named {@code text}, or null when none is. */
    public static Fallback fromLabel(String text) {
        for (Fallback fallback : values()) {
            if (fallback.label.equals(text.strip().toLowerCase(Locale.ROOT))) {
                return fallback;
            }
        }
        return null;
    }

    public static String labels() {
        return Arrays.toString(Arrays.stream(values()).map(Fallback::label).toArray());
    }

    @Override
    public String toString() {
        return label;
    }
}
