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
        if (Math.abs(value) >= 1e15) {
            return String.format(Locale.ROOT, "%.6g", value); // 1.00000e+40, not forty digits
        }
        return new java.math.BigDecimal(String.format(Locale.ROOT, "%.6g", value)).stripTrailingZeros().toPlainString();
    }

    /** {@code decimals} places, or 6 significant digits in scientific notation once the integer part is long. */
    static String fixed(double value, int decimals) {
        return Math.abs(value) < 1e12 || !Double.isFinite(value)
                ? String.format(Locale.ROOT, "%." + decimals + "f", value) : String.format(Locale.ROOT, "%.6g", value);
    }

    static String formatPercent(double fraction) {
        if (Double.isNaN(fraction)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.4f%%", Math.max(0, fraction) * 100);
    }
}
