package org.carbonaware.planner.bench;

import java.util.ArrayList;
import java.util.List;

import org.carbonaware.planner.solve.Gap;

/**
 * Gap to the best known plan versus time, one colour per solver. A cell with an incumbent trace is drawn as a
 * step line through its improvements; otherwise as a hollow marker when its first plan was found, a line to a
 * filled marker when it stopped, drawn at the gap of its final plan (the gaps in between were not recorded).
 */
final class GapChart {

    private static final int WIDTH = 960;
    private static final int HEIGHT = 320;
    private static final int LEFT = 64;
    private static final int RIGHT = 150;
    private static final int TOP = 16;
    private static final int BOTTOM = 40;

    /** One cell's trajectory: (seconds, gap) points in time order; the last point is the final plan. */
    record Trajectory(String solver, String label, List<double[]> points, boolean traced) {
    }

    private GapChart() {
    }

    static String svg(List<String> solvers, List<Trajectory> trajectories) {
        double minSeconds = Double.POSITIVE_INFINITY;
        double maxSeconds = 0;
        double maxGap = 0;
        for (Trajectory trajectory : trajectories) {
            for (double[] point : trajectory.points()) {
                minSeconds = Math.min(minSeconds, Math.max(point[0], 1e-3));
                maxSeconds = Math.max(maxSeconds, point[0]);
                maxGap = Math.max(maxGap, point[1]);
            }
        }
        if (trajectories.isEmpty()) {
            minSeconds = 0.1;
            maxSeconds = 10;
        }
        // log time axis over whole decades; gap axis in percent, at least 0..1 %
        double lowDecade = Math.floor(Math.log10(Math.max(minSeconds, 1e-3)));
        double highDecade = Math.max(lowDecade + 1, Math.ceil(Math.log10(Math.max(maxSeconds, 1e-3))));
        double gapTop = Math.max(1.0, maxGap * 100 * 1.1);
        double plotWidth = WIDTH - LEFT - RIGHT;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"gap-chart\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">\n"
                .formatted(WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append("<style>.axis{fill:#555}.label{fill:#222}.grid{stroke:#ddd;stroke-width:1}</style>\n");
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n");
        for (double decade = lowDecade; decade <= highDecade; decade++) {
            double x = LEFT + (decade - lowDecade) / (highDecade - lowDecade) * plotWidth;
            svg.append("<line class=\"grid\" x1=\"%s\" x2=\"%s\" y1=\"%d\" y2=\"%s\"/>\n".formatted(Svg.c(x), Svg.c(x), TOP, Svg.c(TOP + plotHeight)));
            svg.append(Svg.text(x, TOP + plotHeight + 14, "middle", "axis", Svg.tick(Math.pow(10, decade)) + " s"));
        }
        double step = Svg.niceStep(gapTop, 4);
        for (double gap = 0; gap <= gapTop + 1e-9; gap += step) {
            double y = TOP + plotHeight - gap / gapTop * plotHeight;
            svg.append("<line class=\"grid\" x1=\"%d\" x2=\"%s\" y1=\"%s\" y2=\"%s\"/>\n".formatted(LEFT, Svg.c(LEFT + plotWidth), Svg.c(y), Svg.c(y)));
            svg.append(Svg.text(LEFT - 4, y + 4, "end", "axis", Svg.tick(gap) + " %"));
        }
        svg.append(Svg.text(LEFT + plotWidth / 2, HEIGHT - 6, "middle", "label", "solve time (log scale)"));
        svg.append("<text class=\"label\" transform=\"translate(14,%s) rotate(-90)\" text-anchor=\"middle\">gap to best plan</text>\n"
                .formatted(Svg.c(TOP + plotHeight / 2)));
        final double low = lowDecade;
        final double high = highDecade;
        final double top = gapTop;
        java.util.function.DoubleUnaryOperator xOf = s -> LEFT + (Math.log10(Math.max(s, 1e-3)) - low) / (high - low) * plotWidth;
        java.util.function.DoubleUnaryOperator yOf = g -> TOP + plotHeight - g * 100 / top * plotHeight;
        for (Trajectory trajectory : trajectories) {
            String color = Svg.color(solvers.indexOf(trajectory.solver()));
            List<double[]> points = trajectory.points();
            svg.append("<g class=\"trajectory\" data-solver=\"%s\"><title>%s</title>\n".formatted(Svg.escape(trajectory.solver()),
                    Svg.escape(trajectory.label())));
            StringBuilder path = new StringBuilder();
            for (int i = 0; i < points.size(); i++) {
                double x = xOf.applyAsDouble(points.get(i)[0]);
                double y = yOf.applyAsDouble(points.get(i)[1]);
                if (i == 0) {
                    path.append("M").append(Svg.c(x)).append(",").append(Svg.c(y));
                } else {
                    // a step: the previous gap holds until the next improvement
                    path.append("H").append(Svg.c(x)).append("V").append(Svg.c(y));
                }
            }
            if (points.size() > 1) {
                svg.append("<path fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\" stroke-opacity=\"0.8\" d=\"%s\"/>\n".formatted(color, path));
            }
            double[] first = points.get(0);
            double[] last = points.get(points.size() - 1);
            if (points.size() > 1 || !trajectory.traced()) {
                svg.append("<circle cx=\"%s\" cy=\"%s\" r=\"3.5\" fill=\"#fff\" stroke=\"%s\" stroke-width=\"1.5\"/>\n"
                        .formatted(Svg.c(xOf.applyAsDouble(first[0])), Svg.c(yOf.applyAsDouble(first[1])), color));
            }
            svg.append("<circle cx=\"%s\" cy=\"%s\" r=\"3.5\" fill=\"%s\"/>\n"
                    .formatted(Svg.c(xOf.applyAsDouble(last[0])), Svg.c(yOf.applyAsDouble(last[1])), color));
            svg.append("</g>\n");
        }
        double legendY = TOP + 10;
        for (int i = 0; i < solvers.size(); i++) {
            double x = LEFT + plotWidth + 16;
            svg.append("<rect x=\"%s\" y=\"%s\" width=\"12\" height=\"12\" fill=\"%s\"/>\n".formatted(Svg.c(x), Svg.c(legendY - 10), Svg.color(i)));
            svg.append(Svg.text(x + 16, legendY, "start", "label", solvers.get(i)));
            legendY += 18;
        }
        svg.append(Svg.text(LEFT + plotWidth + 16, legendY + 8, "start", "axis", "○ first plan"));
        svg.append(Svg.text(LEFT + plotWidth + 16, legendY + 24, "start", "axis", "● final plan"));
        svg.append("</svg>\n");
        return svg.toString();
    }

    /** The trajectories of the rows that have a plan. */
    static List<Trajectory> trajectories(BenchResults results) {
        List<Trajectory> list = new ArrayList<>();
        for (BenchResults.Row row : results.rowList()) {
            CellResult cell = row.cell();
            if (!cell.hasPlan() || !Double.isFinite(cell.solveSeconds())) {
                continue;
            }
            double best = results.bestKg(cell.problemKey());
            String label = "%s %s seed %d: gap %s at %.2f s".formatted(cell.problemKey(), cell.solver(), cell.seed(),
                    Report.percent(row.gapToBest()), cell.solveSeconds());
            List<double[]> points = new ArrayList<>();
            if (!cell.incumbents().isEmpty()) {
                for (double[] incumbent : cell.incumbents()) {
                    points.add(new double[] {incumbent[0], Gap.relative(incumbent[1], best)});
                }
                points.add(new double[] {cell.solveSeconds(), row.gapToBest()});
                list.add(new Trajectory(cell.solver(), label, points, true));
            } else {
                double first = Double.isFinite(cell.firstFeasibleSeconds()) ? cell.firstFeasibleSeconds() : cell.solveSeconds();
                points.add(new double[] {first, row.gapToBest()});
                points.add(new double[] {cell.solveSeconds(), row.gapToBest()});
                list.add(new Trajectory(cell.solver(), label, points, false));
            }
        }
        return list;
    }
}
