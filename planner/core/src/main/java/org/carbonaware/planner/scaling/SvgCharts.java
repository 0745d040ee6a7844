package org.carbonaware.planner.scaling;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.carbonaware.planner.model.DeviceSpec;

/** Self-contained SVG line charts of a study (no scripts, no external fonts or styles). */
final class SvgCharts {

    private static final String[] COLOURS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
            "#7f7f7f", "#bcbd22", "#17becf", "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173", "#3182bd"};
    private static final int WIDTH = 860;
    private static final int HEIGHT = 520;
    private static final int LEFT = 80;
    private static final int RIGHT = 210;
    private static final int TOP = 40;
    private static final int BOTTOM = 60;

    /** @param dash SVG stroke-dasharray, empty for a solid line; @param colour null picks the next palette colour */
    record Series(String name, double[] x, double[] y, String dash, String colour) {
    }

    private SvgCharts() {
    }

    /**
     * Loss against total carbon (t CO2e), log-log, one line per variant (QAT variants dashed in their device's colour),
     * plus the ideal and the no-embodied curves of B100 (or of the first variant when B100 is not in the run).
     */
    static String lossVsCarbon(ScalingStudy.Result result, String comment) {
        List<Series> series = new ArrayList<>();
        for (DeviceSpec device : result.variants()) {
            List<ScalingRow> rows = rowsOf(result, device.id());
            series.add(new Series(device.id(), rows.stream().mapToDouble(r -> r.totalKg() / 1000).toArray(),
                    rows.stream().mapToDouble(ScalingRow::loss).toArray(), qatDash(device.id()), null));
        }
        if (!result.variants().isEmpty()) {
            String reference = result.variants().stream().map(DeviceSpec::id).filter(id -> id.equals(ScalingSettings.PROJECTION_BASE))
                    .findFirst().orElse(result.variants().get(0).id());
            List<ScalingRow> rows = rowsOf(result, reference);
            series.add(new Series(reference + " ideal", rows.stream().mapToDouble(r -> r.idealKg() / 1000).toArray(),
                    rows.stream().mapToDouble(ScalingRow::loss).toArray(), "6 4", "#000000"));
            series.add(new Series(reference + " no embodied", rows.stream().mapToDouble(r -> r.operationalKg() / 1000).toArray(),
                    rows.stream().mapToDouble(ScalingRow::loss).toArray(), "2 3", "#000000"));
        }
        return chart("Predicted loss vs training carbon", "total carbon (t CO2e, log)", "loss (log)", series, true, true, comment);
    }

    private static String qatDash(String id) {
        return id.endsWith("+QAT") ? "5 3" : "";
    }

    /** Embodied share of total carbon (%) against total parameters (log). */
    static String embodiedShare(ScalingStudy.Result result, String comment) {
        List<Series> series = new ArrayList<>();
        for (DeviceSpec device : result.variants()) {
            List<ScalingRow> rows = rowsOf(result, device.id());
            series.add(new Series(device.id(), rows.stream().mapToDouble(ScalingRow::params).toArray(),
                    rows.stream().mapToDouble(r -> 100 * r.embodiedShare()).toArray(), qatDash(device.id()), null));
        }
        return chart("Embodied share of training carbon by model size", "total parameters (log)", "embodied share (%)",
                series, true, false, comment);
    }

    private static List<ScalingRow> rowsOf(ScalingStudy.Result result, String variant) {
        return result.rows().stream().filter(r -> r.variant().equals(variant) && r.feasible()).toList();
    }

    static String chart(String title, String xLabel, String yLabel, List<Series> series, boolean xLog, boolean yLog, String comment) {
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.x().length; i++) {
                if (usable(s.x()[i], xLog) && usable(s.y()[i], yLog)) {
                    xMin = Math.min(xMin, s.x()[i]);
                    xMax = Math.max(xMax, s.x()[i]);
                    yMin = Math.min(yMin, s.y()[i]);
                    yMax = Math.max(yMax, s.y()[i]);
                }
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n").append(comment);
        sb.append(fmt("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">\n",
                WIDTH, HEIGHT, WIDTH, HEIGHT));
        sb.append(fmt("<rect width=\"%d\" height=\"%d\" fill=\"white\"/>\n", WIDTH, HEIGHT));
        sb.append(fmt("<text x=\"%d\" y=\"22\" font-size=\"15\">%s</text>\n", LEFT, escape(title)));
        if (!(xMin <= xMax)) {
            sb.append(fmt("<text x=\"%d\" y=\"%d\">no feasible points</text>\n</svg>\n", LEFT, HEIGHT / 2));
            return sb.toString();
        }
        Axis x = new Axis(xMin, xMax, xLog, LEFT, WIDTH - RIGHT);
        Axis y = yLog ? new Axis(yMin, yMax, true, HEIGHT - BOTTOM, TOP) : new Axis(0, Math.max(100, yMax), false, HEIGHT - BOTTOM, TOP);
        int plotRight = WIDTH - RIGHT;
        int plotBottom = HEIGHT - BOTTOM;
        sb.append(fmt("<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"black\"/>\n",
                LEFT, TOP, plotRight - LEFT, plotBottom - TOP));
        for (double tick : x.ticks()) {
            double px = x.map(tick);
            sb.append(fmt("<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>\n", px, TOP, px, plotBottom));
            sb.append(fmt("<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n", px, plotBottom + 16, label(tick)));
        }
        for (double tick : y.ticks()) {
            double py = y.map(tick);
            sb.append(fmt("<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>\n", LEFT, py, plotRight, py));
            sb.append(fmt("<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n", LEFT - 6, py + 4, label(tick)));
        }
        sb.append(fmt("<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>\n", (LEFT + plotRight) / 2, HEIGHT - 18, escape(xLabel)));
        sb.append(fmt("<text x=\"18\" y=\"%d\" text-anchor=\"middle\" transform=\"rotate(-90 18 %d)\">%s</text>\n",
                (TOP + plotBottom) / 2, (TOP + plotBottom) / 2, escape(yLabel)));
        int index = 0;
        int palette = -1;
        for (Series s : series) {
            if (s.colour() == null && !(s.name().endsWith("+QAT") && palette >= 0)) {
                palette++;
            }
            String colour = s.colour() != null ? s.colour() : COLOURS[Math.max(0, palette) % COLOURS.length];
            StringBuilder points = new StringBuilder();
            StringBuilder markers = new StringBuilder();
            for (int i = 0; i < s.x().length; i++) {
                if (!usable(s.x()[i], xLog) || !usable(s.y()[i], yLog)) {
                    continue;
                }
                double px = x.map(s.x()[i]);
                double py = y.map(s.y()[i]);
                points.append(fmt("%.1f,%.1f ", px, py));
                markers.append(fmt("<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>", px, py, colour));
            }
            String dash = s.dash().isEmpty() ? "" : " stroke-dasharray=\"" + s.dash() + "\"";
            sb.append(fmt("<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.6\"%s points=\"%s\"/>\n", colour, dash,
                    points.toString().trim()));
            sb.append(markers).append('\n');
            int ly = TOP + 14 + 18 * index;
            sb.append(fmt("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"%s/>",
                    plotRight + 12, ly - 4, plotRight + 36, ly - 4, colour, dash));
            sb.append(fmt("<text x=\"%d\" y=\"%d\">%s</text>\n", plotRight + 42, ly, escape(s.name())));
            index++;
        }
        sb.append("</svg>\n");
        return sb.toString();
    }

    private static boolean usable(double value, boolean log) {
        return Double.isFinite(value) && (!log || value > 0);
    }

    private record Axis(double min, double max, boolean log, double from, double to) {

        Axis {
            if (log) {
                double lo = Math.log10(min);
                double hi = Math.log10(max);
                double pad = Math.max(0.05, (hi - lo) * 0.05);
                min = Math.pow(10, lo - pad);
                max = Math.pow(10, hi + pad);
            } else if (max <= min) {
                max = min + 1;
            }
        }

        double map(double value) {
            double t = log ? (Math.log10(value) - Math.log10(min)) / (Math.log10(max) - Math.log10(min)) : (value - min) / (max - min);
            return from + t * (to - from);
        }

        List<Double> ticks() {
            List<Double> list = new ArrayList<>();
            if (log) {
                double decades = Math.log10(max) - Math.log10(min);
                if (decades >= 1) {
                    int step = (int) Math.max(1, Math.ceil(decades / 10));
                    for (int e = (int) Math.ceil(Math.log10(min)); e <= Math.floor(Math.log10(max)); e += step) {
                        list.add(Math.pow(10, e));
                    }
                }
                if (list.size() < 2) {
                    list.clear();
                    double step = niceStep((max - min) / 6);
                    for (double t = Math.ceil(min / step) * step; t <= max; t += step) {
                        list.add(t);
                    }
                }
            } else {
                double step = niceStep((max - min) / 6);
                for (double t = Math.ceil(min / step) * step; t <= max + 1e-9; t += step) {
                    list.add(t);
                }
            }
            return list;
        }
    }

    /** 1, 2, 2.5 or 5 times a power of ten, at least {@code raw}. */
    static double niceStep(double raw) {
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * power >= raw) {
                return m * power;
            }
        }
        return 10 * power;
    }

    private static String label(double value) {
        double magnitude = Math.abs(value);
        if (magnitude < 1e-12) {
            return "0";
        }
        if (magnitude != 0 && (magnitude >= 1e4 || magnitude < 1e-2)) {
            return fmt("%.0e", value).replace("e+0", "e").replace("e+", "e").replace("e-0", "e-");
        }
        return magnitude >= 10 ? fmt("%.0f", value) : fmt("%.2f", value);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
