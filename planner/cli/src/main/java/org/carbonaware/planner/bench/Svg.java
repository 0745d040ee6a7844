package org.carbonaware.planner.bench;

import java.util.List;
import java.util.Locale;

/** Small helpers shared by the SVG charts: escaping, coordinates and the colour palettes. */
final class Svg {

    /** Colour-blind-friendly palette (Okabe-Ito, then Tableau), cycled when there are more series. */
    static final List<String> PALETTE = List.of("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9",
            "#8C564B", "#7F7F7F", "#BCBD22", "#17BECF");

    private Svg() {
    }

    static String color(int index) {
        return PALETTE.get(Math.floorMod(index, PALETTE.size()));
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** A coordinate with at most one decimal, so the files stay small. */
    static String c(double value) {
        double rounded = Math.round(value * 10) / 10.0;
        return rounded == Math.rint(rounded) ? Long.toString((long) rounded) : String.format(Locale.ROOT, "%.1f", rounded);
    }

    static String text(double x, double y, String anchor, String cssClass, String content) {
        return "<text x=\"%s\" y=\"%s\" text-anchor=\"%s\" class=\"%s\">%s</text>\n"
                .formatted(c(x), c(y), anchor, cssClass, escape(content));
    }

    /** A number with a few significant digits for axis labels. */
    static String tick(double value) {
        if (value == 0) {
            return "0";
        }
        double magnitude = Math.abs(value);
        if (magnitude >= 100 || value == Math.rint(value)) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        if (magnitude >= 1) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        return new java.math.BigDecimal(String.format(Locale.ROOT, "%.2g", value)).stripTrailingZeros().toPlainString();
    }

    /** A "nice" step (1, 2 or 5 times a power of ten) giving about {@code count} ticks over {@code range}. */
    static double niceStep(double range, int count) {
        double raw = range / Math.max(1, count);
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        double fraction = raw / power;
        double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
        return nice * power;
    }
}
