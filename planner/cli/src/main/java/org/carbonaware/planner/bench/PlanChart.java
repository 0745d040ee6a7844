package org.carbonaware.planner.bench;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The plan chart: the carbon-intensity curve on top and, below it, one panel per plan with the GPUs it runs in
 * every epoch, coloured by tp/pp family (a pause is an empty epoch). Used by the benchmark report (all solvers'
 * plans of one instance) and by {@code planner plot} (one plan).
 */
public final class PlanChart {

    static final int WIDTH = 960;
    private static final int LEFT = 64;
    private static final int RIGHT = 24;
    private static final int TITLE_HEIGHT = 26;
    private static final int CI_HEIGHT = 110;
    private static final int PANEL_GAP = 22;
    private static final int PANEL_HEIGHT = 64;
    private static final int AXIS_HEIGHT = 22;
    private static final int LEGEND_HEIGHT = 24;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneOffset.UTC);

    /**
     * One plan.
     *
     * @param gpus GPUs per epoch (0 when paused)
     * @param family tp/pp family per epoch, e.g. {@code tp4-pp2}, or null when paused
     */
    public record Series(String label, int[] gpus, String[] family) {
    }

    /**
     * What one chart shows.
     *
     * @param epochStarts start instant of each epoch, or null when unknown
     * @param carbonIntensity gCO2eq/kWh per epoch
     * @param maxGpus the top of the GPU axis (0: the largest count in the plans)
     */
    public record Data(String title, Instant[] epochStarts, double[] carbonIntensity, List<Series> plans, int maxGpus) {
    }

    private PlanChart() {
    }

    /**
     * The per-epoch list of a solution JSON document, or, where the JSON holds only the run-length encoded plan
     * ({@code runs}, long horizons), the runs expanded to one {option, gpus} entry per epoch (the carbon intensity
     * and the starts after each run's first epoch are then unknown).
     */
    public static JsonNode epochsOf(JsonNode solution) {
        if (solution.path("epochs").isArray() || !solution.path("runs").isArray()) {
            return solution.path("epochs");
        }
        ArrayNode epochs = JsonNodeFactory.instance.arrayNode();
        for (JsonNode run : solution.path("runs")) {
            for (int k = 0; k < run.path("epochs").asInt(0); k++) {
                ObjectNode epoch = epochs.addObject();
                epoch.set("option", run.path("option").isObject() ? run.get("option") : JsonNodeFactory.instance.nullNode());
                epoch.put("gpus", run.path("gpus").asInt(0));
                if (k == 0) {
                    epoch.set("start", run.path("start"));
                }
            }
        }
        return epochs;
    }

    /** The plan of a solution JSON document (as written by SolutionFile). */
    public static Series seriesOf(JsonNode solution, String label) {
        JsonNode epochs = epochsOf(solution);
        int[] gpus = new int[epochs.size()];
        String[] family = new String[epochs.size()];
        for (int t = 0; t < epochs.size(); t++) {
            JsonNode epoch = epochs.get(t);
            JsonNode option = epoch.path("option");
            if (option.isObject()) {
                gpus[t] = epoch.path("gpus").asInt(0);
                family[t] = "tp" + option.path("tp").asInt() + "-pp" + option.path("pp").asInt();
            }
        }
        return new Series(label, gpus, family);
    }

    public static double[] carbonIntensityOf(JsonNode solution) {
        JsonNode epochs = epochsOf(solution);
        double[] ci = new double[epochs.size()];
        for (int t = 0; t < ci.length; t++) {
            ci[t] = epochs.get(t).path("carbonIntensity").asDouble(Double.NaN);
        }
        return ci;
    }

    public static Instant[] epochStartsOf(JsonNode solution) {
        JsonNode epochs = epochsOf(solution);
        Instant[] starts = new Instant[epochs.size()];
        for (int t = 0; t < starts.length; t++) {
            try {
                starts[t] = Instant.parse(epochs.get(t).path("start").asText(""));
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return starts;
    }

    public static String svg(Data data) {
        int n = data.carbonIntensity().length;
        List<Series> plans = data.plans();
        int height = TITLE_HEIGHT + CI_HEIGHT + plans.size() * (PANEL_GAP + PANEL_HEIGHT) + AXIS_HEIGHT + LEGEND_HEIGHT;
        double plotWidth = WIDTH - LEFT - RIGHT;
        double epochWidth = plotWidth / Math.max(1, n);
        int maxGpus = data.maxGpus();
        TreeSet<String> families = new TreeSet<>();
        for (Series plan : plans) {
            for (int t = 0; t < plan.gpus().length; t++) {
                maxGpus = data.maxGpus() > 0 ? maxGpus : Math.max(maxGpus, plan.gpus()[t]);
                if (plan.family()[t] != null) {
                    families.add(plan.family()[t]);
                }
            }
        }
        maxGpus = Math.max(1, maxGpus);
        List<String> familyList = new ArrayList<>(families);
        double maxCi = 0;
        for (double value : data.carbonIntensity()) {
            if (Double.isFinite(value)) {
                maxCi = Math.max(maxCi, value);
            }
        }
        maxCi = maxCi <= 0 ? 1 : maxCi * 1.05;

        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"plan-chart\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">\n"
                .formatted(WIDTH, height, WIDTH, height));
        svg.append("<style>.title{font-size:13px;font-weight:bold}.axis{fill:#555}.label{fill:#222}.grid{stroke:#ddd;stroke-width:1}</style>\n");
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n");
        svg.append(Svg.text(LEFT, 17, "start", "title", data.title()));

        // carbon-intensity panel
        double top = TITLE_HEIGHT;
        svg.append("<g class=\"ci-panel\">\n");
        double step = Svg.niceStep(maxCi, 3);
        for (double v = 0; v <= maxCi; v += step) {
            double y = top + CI_HEIGHT - v / maxCi * CI_HEIGHT;
            svg.append("<line class=\"grid\" x1=\"%s\" x2=\"%s\" y1=\"%s\" y2=\"%s\"/>\n".formatted(Svg.c(LEFT), Svg.c(LEFT + plotWidth), Svg.c(y), Svg.c(y)));
            svg.append(Svg.text(LEFT - 4, y + 4, "end", "axis", Svg.tick(v)));
        }
        svg.append("<path class=\"ci\" fill=\"none\" stroke=\"#333\" stroke-width=\"1.5\" d=\"%s\"/>\n"
                .formatted(stepPath(data.carbonIntensity(), maxCi, top, CI_HEIGHT, epochWidth, false)));
        svg.append("<text class=\"axis\" transform=\"translate(14,%s) rotate(-90)\" text-anchor=\"middle\">gCO₂/kWh</text>\n"
                .formatted(Svg.c(top + CI_HEIGHT / 2.0)));
        svg.append("</g>\n");

        // one panel per plan
        double y0 = top + CI_HEIGHT;
        for (Series plan : plans) {
            double panelTop = y0 + PANEL_GAP;
            svg.append("<g class=\"plan\">\n");
            svg.append(Svg.text(LEFT, panelTop - 5, "start", "label", plan.label()));
            svg.append("<path class=\"ci-shadow\" fill=\"#eee\" stroke=\"none\" d=\"%s\"/>\n"
                    .formatted(stepPath(data.carbonIntensity(), maxCi, panelTop, PANEL_HEIGHT, epochWidth, true)));
            svg.append("<line class=\"grid\" x1=\"%s\" x2=\"%s\" y1=\"%s\" y2=\"%s\"/>\n".formatted(Svg.c(LEFT),
                    Svg.c(LEFT + plotWidth), Svg.c(panelTop + PANEL_HEIGHT), Svg.c(panelTop + PANEL_HEIGHT)));
            svg.append(Svg.text(LEFT - 4, panelTop + 8, "end", "axis", maxGpus + " GPUs"));
            svg.append(Svg.text(LEFT - 4, panelTop + PANEL_HEIGHT, "end", "axis", "0"));
            int[] gpus = plan.gpus();
            // consecutive epochs with the same family and GPU count form one bar, with a tooltip
            for (int t = 0; t < gpus.length; ) {
                int end = t + 1;
                while (end < gpus.length && gpus[end] == gpus[t] && java.util.Objects.equals(plan.family()[end], plan.family()[t])) {
                    end++;
                }
                if (plan.family()[t] != null && gpus[t] > 0) {
                    double barHeight = Math.min(1.0, gpus[t] / (double) maxGpus) * PANEL_HEIGHT;
                    svg.append("<rect class=\"epoch\" data-family=\"%s\" x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" fill=\"%s\"><title>epochs %d-%d: %s, %d GPUs</title></rect>\n"
                            .formatted(plan.family()[t], Svg.c(LEFT + t * epochWidth), Svg.c(panelTop + PANEL_HEIGHT - barHeight),
                                    Svg.c((end - t) * epochWidth), Svg.c(barHeight), Svg.color(familyList.indexOf(plan.family()[t])),
                                    t, end - 1, plan.family()[t], gpus[t]));
                }
                t = end;
            }
            svg.append("</g>\n");
            y0 = panelTop + PANEL_HEIGHT;
        }

        // time axis
        svg.append("<g class=\"time-axis\">\n");
        for (int t : timeTicks(data.epochStarts(), n)) {
            double x = LEFT + t * epochWidth;
            svg.append("<line class=\"grid\" x1=\"%s\" x2=\"%s\" y1=\"%s\" y2=\"%s\"/>\n".formatted(Svg.c(x), Svg.c(x), Svg.c(top), Svg.c(y0 + 4)));
            String label = data.epochStarts() == null ? "epoch " + t
                    : data.epochStarts()[t].atZone(ZoneOffset.UTC).toLocalTime().toSecondOfDay() == 0 ? DAY.format(data.epochStarts()[t])
                    : DAY_TIME.format(data.epochStarts()[t]);
            svg.append(Svg.text(x, y0 + 16, "middle", "axis", label));
        }
        svg.append("</g>\n");

        // legend
        double legendY = y0 + AXIS_HEIGHT + 14;
        double x = LEFT;
        svg.append("<g class=\"legend\">\n");
        svg.append(Svg.text(x, legendY, "start", "axis", "tp/pp family:"));
        x += 80;
        for (int i = 0; i < familyList.size(); i++) {
            svg.append("<rect x=\"%s\" y=\"%s\" width=\"12\" height=\"12\" fill=\"%s\"/>\n".formatted(Svg.c(x), Svg.c(legendY - 10), Svg.color(i)));
            svg.append(Svg.text(x + 16, legendY, "start", "label", familyList.get(i)));
            x += 24 + 7 * familyList.get(i).length();
        }
        svg.append(Svg.text(x + 8, legendY, "start", "axis", "grey area: CI; gap: paused"));
        svg.append("</g>\n</svg>\n");
        return svg.toString();
    }

    private static String stepPath(double[] ci, double maxCi, double top, double height, double epochWidth, boolean closed) {
        StringBuilder path = new StringBuilder();
        double bottom = top + height;
        if (closed) {
            path.append("M").append(Svg.c(LEFT)).append(",").append(Svg.c(bottom));
        }
        for (int t = 0; t < ci.length; t++) {
            double value = Double.isFinite(ci[t]) ? ci[t] : 0;
            double y = bottom - value / maxCi * height;
            double x = LEFT + t * epochWidth;
            path.append(t == 0 && !closed ? "M" : "L").append(Svg.c(x)).append(",").append(Svg.c(y));
            path.append("H").append(Svg.c(x + epochWidth));
        }
        if (closed) {
            path.append("V").append(Svg.c(bottom)).append("Z");
        }
        return path.toString();
    }

    /** Epochs that start a UTC day (thinned to at most about 14 labels), else evenly spaced epochs. */
    private static List<Integer> timeTicks(Instant[] starts, int n) {
        List<Integer> ticks = new ArrayList<>();
        if (starts != null) {
            for (int t = 0; t < n; t++) {
                if (starts[t].atZone(ZoneOffset.UTC).toLocalTime().toSecondOfDay() == 0) {
                    ticks.add(t);
                }
            }
        }
        if (ticks.size() < 2) {
            ticks.clear();
            int step = (int) Math.max(1, Svg.niceStep(n, 8));
            for (int t = 0; t < n; t += step) {
                ticks.add(t);
            }
            return ticks;
        }
        int thin = (ticks.size() + 13) / 14;
        List<Integer> thinned = new ArrayList<>();
        for (int i = 0; i < ticks.size(); i += thin) {
            thinned.add(ticks.get(i));
        }
        return thinned;
    }
}
