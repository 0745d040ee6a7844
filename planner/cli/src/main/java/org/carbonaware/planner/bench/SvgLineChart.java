package org.carbonaware.planner.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small self-contained SVG line chart (axes, ticks, one polyline with markers per series, a legend right of the
 * plot that grows the chart downwards when there are many series).
 */
final class SvgLineChart {

    private static final int PLOT_WIDTH = 550;
    private static final int MIN_HEIGHT = 400;
    private static final int LEFT = 70;
    /** The legend column, right of the plot. */
    private static final int LEGEND = 320;
    private static final int TOP = 40;
    private static final int BOTTOM = 50;

    /** One line: points in drawing order; labels (may be null) are written next to the markers. */
    record Series(String name, double[] x, double[] y, String[] labels) {
    }

    private SvgLineChart() {
    }

    static String render(String title, String xLabel, String yLabel, List<Series> seriesList) {
        double minX = Double.POSITIVE_INFINITY, maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;
        for (Series series : seriesList) {
            for (int i = 0; i < series.x.length; i++) {
                if (Double.isFinite(series.x[i]) && Double.isFinite(series.y[i])) {
                    minX = Math.min(minX, series.x[i]);
                    maxX = Math.max(maxX, series.x[i]);
                    minY = Math.min(minY, series.y[i]);
                    maxY = Math.max(maxY, series.y[i]);
                }
            }
        }
        if (!Double.isFinite(minX)) {
            minX = 0; maxX = 1; minY = 0; maxY = 1;
        }
        double[] xTicks = ticks(minX, maxX);
        double[] yTicks = ticks(minY, maxY);
        double x0 = xTicks[0], x1 = xTicks[xTicks.length - 1];
        double y0 = yTicks[0], y1 = yTicks[yTicks.length - 1];
        int plotWidth = PLOT_WIDTH;
        int width = LEFT + PLOT_WIDTH + LEGEND;
        int height = Math.max(MIN_HEIGHT, TOP + 16 * seriesList.size() + 20);
        int plotHeight = height - TOP - BOTTOM;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n",
                width, height, width, height));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append(text(LEFT + plotWidth / 2.0, 22, "middle", 14, title));
        svg.append(text(LEFT + plotWidth / 2.0, height - 12, "middle", 12, xLabel));
        svg.append(String.format(Locale.ROOT, "<text x=\"16\" y=\"%.1f\" text-anchor=\"middle\" transform=\"rotate(-90 16 %.1f)\">%s</text>%n",
                TOP + plotHeight / 2.0, TOP + plotHeight / 2.0, Svg.escape(yLabel)));
        for (double tick : xTicks) {
            double px = LEFT + (tick - x0) / (x1 - x0) * plotWidth;
            svg.append(line(px, TOP, px, TOP + plotHeight, "#e5e5e5"));
            svg.append(text(px, TOP + plotHeight + 16, "middle", 11, format(tick)));
        }
        for (double tick : yTicks) {
            double py = TOP + plotHeight - (tick - y0) / (y1 - y0) * plotHeight;
            svg.append(line(LEFT, py, LEFT + plotWidth, py, "#e5e5e5"));
            svg.append(text(LEFT - 6, py + 4, "end", 11, format(tick)));
        }
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#444\"/>%n",
                LEFT, TOP, plotWidth, plotHeight));
        for (int s = 0; s < seriesList.size(); s++) {
            Series series = seriesList.get(s);
            String color = Svg.color(s);
            List<String> points = new ArrayList<>();
            StringBuilder markers = new StringBuilder();
            for (int i = 0; i < series.x.length; i++) {
                if (!Double.isFinite(series.x[i]) || !Double.isFinite(series.y[i])) {
                    continue;
                }
                double px = LEFT + (series.x[i] - x0) / (x1 - x0) * plotWidth;
                double py = TOP + plotHeight - (series.y[i] - y0) / (y1 - y0) * plotHeight;
                points.add(String.format(Locale.ROOT, "%.1f,%.1f", px, py));
                markers.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n", px, py, color));
                if (series.labels != null && series.labels[i] != null) {
                    markers.append(text(px + 5, py - 5, "start", 9, series.labels[i]));
                }
            }
            if (points.size() > 1) {
                svg.append(String.format("<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n", color, String.join(" ", points)));
            }
            svg.append(markers);
            double legendY = TOP + 14 + 16 * s;
            svg.append(line(LEFT + plotWidth + 16, legendY - 4, LEFT + plotWidth + 36, legendY - 4, color).replace("stroke-width=\"1\"", "stroke-width=\"2\""));
            svg.append(text(LEFT + plotWidth + 41, legendY, "start", 11, series.name));
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    /** About five round tick values covering [min, max]. */
    static double[] ticks(double min, double max) {
        if (max - min < 1e-12 * Math.max(1, Math.abs(max))) {
            double pad = Math.max(Math.abs(min) * 0.05, 1e-9);
            min -= pad;
            max += pad;
        }
        double raw = (max - min) / 5;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = magnitude;
        for (double factor : new double[] {1, 2, 2.5, 5, 10}) {
            step = factor * magnitude;
            if (raw <= step) {
                break;
            }
        }
        double first = Math.floor(min / step) * step;
        double last = Math.ceil(max / step) * step;
        int count = (int) Math.round((last - first) / step) + 1;
        double[] ticks = new double[count];
        for (int i = 0; i < count; i++) {
            ticks[i] = first + i * step;
        }
        return ticks;
    }

    private static String format(double value) {
        if (Math.abs(value - Math.rint(value)) < 1e-9) {
            return String.format(Locale.ROOT, "%d", Math.round(value));
        }
        return String.format(Locale.ROOT, "%.3g", value);
    }

    private static String line(double xa, double ya, double xb, double yb, String color) {
        return String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"1\"/>%n",
                xa, ya, xb, yb, color);
    }

    private static String text(double x, double y, String anchor, int size, String content) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\">%s</text>%n",
                x, y, anchor, size, Svg.escape(content));
    }
}
