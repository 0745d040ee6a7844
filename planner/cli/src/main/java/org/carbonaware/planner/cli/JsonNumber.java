package org.carbonaware.planner.cli;

import java.util.Locale;

/** Number formatting for one-line summaries. */
final class JsonNumber {

    private JsonNumber() {
    }

    static String format(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return new java.math.BigDecimal(String.format(Locale.ROOT, "%.6g", value)).stripTrailingZeros().toPlainString();
    }

    static String formatPercent(double fraction) {
        if (Double.isNaN(fraction)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.4f%%", Math.max(0, fraction) * 100);
    }
}
