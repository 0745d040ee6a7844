package org.carbonaware.planner.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.carbonaware.planner.common.Csv;
import org.carbonaware.planner.formulation.baseline.FixedFastestSolver;

/**
 * The carbon-vs-slowdown frontier of the cells with a deadline slack: {@code pareto.csv} (one row per cell, with
 * the fixed-fastest plan of the same problem as the reference) and {@code pareto.svg} (per instance, trace,
 * switching costs and solver, the mean reduction against the mean slowdown of every slack, over start times and
 * seeds).
 */
final class Frontier {

    static final String CSV = "pareto.csv";
    static final String SVG = "pareto.svg";
    static final List<String> COLUMNS = List.of("instance", "trace", "start", "switchCosts", "solver", "seed", "slack",
            "deadlineHours", "status", "objectiveKg", "finishHours", "slowdown", "reductionVsFixedFastest", "fixedFastestKg");

    private Frontier() {
    }

    /** True when some cell has a slack, i.e. there is a frontier to draw. */
    static boolean applies(BenchResults results) {
        return results.rowList().stream().anyMatch(r -> !r.cell().variant().slack().isEmpty());
    }

    static List<BenchResults.Row> rows(BenchResults results) {
        List<BenchResults.Row> rows = new ArrayList<>();
        for (BenchResults.Row row : results.rowList()) {
            if (!row.cell().variant().slack().isEmpty() && !row.cell().solver().equals(FixedFastestSolver.NAME)) {
                rows.add(row);
            }
        }
        rows.sort(java.util.Comparator.comparing((BenchResults.Row r) -> r.cell().instance())
                .thenComparing(r -> r.cell().variant().trace())
                .thenComparing(r -> r.cell().variant().start())
                .thenComparing(r -> !r.cell().variant().switchCosts())
                .thenComparingInt(r -> results.solverList().indexOf(r.cell().solver()))
                .thenComparingLong(r -> r.cell().seed())
                .thenComparingDouble(r -> BenchSummary.slackOrder(r.cell().variant().slack())));
        return rows;
    }

    static String csv(BenchResults results) {
        List<List<String>> table = new ArrayList<>();
        for (BenchResults.Row row : rows(results)) {
            CellResult c = row.cell();
            CellVariant v = c.variant();
            table.add(List.of(c.instance(), v.trace(), v.start(), Boolean.toString(v.switchCosts()), c.solver(), Long.toString(c.seed()),
                    v.slack(), BenchResults.number(v.deadlineHours()), c.status(), BenchResults.number(c.objectiveKg()),
                    BenchResults.number(c.finishHours()), BenchResults.number(row.slowdown()),
                    BenchResults.number(row.reductionVsFixedFastest()), BenchResults.number(row.fixedFastestKg())));
        }
        return Csv.format(COLUMNS, table);
    }

    static String svg(BenchResults results) {
        // series -> slack -> (sum slowdown %, sum reduction %, count)
        Map<String, TreeMap<Double, double[]>> series = new LinkedHashMap<>();
        List<String> instances = new ArrayList<>();
        for (BenchResults.Row row : rows(results)) {
            CellResult c = row.cell();
            double slowdown = row.slowdown();
            double reduction = row.reductionVsFixedFastest();
            if (!Double.isFinite(slowdown) || !Double.isFinite(reduction)) {
                continue;
            }
            CellVariant v = c.variant();
            if (!instances.contains(c.instance())) {
                instances.add(c.instance());
            }
            String name = "%s%s %s%s".formatted(c.instance(), v.trace().isEmpty() ? "" : " " + v.trace(), c.solver(),
                    v.switchCosts() ? "" : " (no switching costs)");
            double[] sums = series.computeIfAbsent(name, k -> new TreeMap<>())
                    .computeIfAbsent(Double.parseDouble(v.slack()), k -> new double[3]);
            sums[0] += 100 * slowdown;
            sums[1] += 100 * reduction;
            sums[2]++;
        }
        List<SvgLineChart.Series> lines = new ArrayList<>();
        for (Map.Entry<String, TreeMap<Double, double[]>> entry : series.entrySet()) {
            int n = entry.getValue().size();
            double[] xs = new double[n];
            double[] ys = new double[n];
            String[] labels = new String[n];
            int i = 0;
            for (Map.Entry<Double, double[]> point : entry.getValue().entrySet()) {
                xs[i] = point.getValue()[0] / point.getValue()[2];
                ys[i] = point.getValue()[1] / point.getValue()[2];
                labels[i] = "s=" + Variant.formatSlack(point.getKey());
                i++;
            }
            lines.add(new SvgLineChart.Series(entry.getKey(), xs, ys, labels));
        }
        lines.add(new SvgLineChart.Series(FixedFastestSolver.NAME, new double[] {0}, new double[] {0}, null));
        return SvgLineChart.render("Carbon vs slowdown: " + String.join(", ", instances),
                "slowdown vs fixed-fastest (%)", "CO2 reduction vs fixed-fastest (%)", lines);
    }
}
