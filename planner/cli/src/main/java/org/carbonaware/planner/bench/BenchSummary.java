package org.carbonaware.planner.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import org.carbonaware.planner.common.Csv;

/**
 * {@code summary.csv}: the rows of {@code results.csv} grouped by instance × trace × slack × switching costs ×
 * solver (so over start times and seeds), with means and nearest-rank 95th percentiles.
 */
final class BenchSummary {

    static final String CSV = "summary.csv";
    static final List<String> COLUMNS = List.of("instance", "trace", "slack", "switchCosts", "solver", "cells", "withPlan",
            "meanKg", "p95Kg", "meanFinishHours", "p95FinishHours", "meanSlowdown", "p95Slowdown", "meanReductionVsFixedFastest",
            "meanTokensPerKg");

    private BenchSummary() {
    }

    static String csv(BenchResults results) {
        // rows arrive sorted by instance, variant, solver and seed; groups keep that order with the slack as a number
        Map<List<String>, List<BenchResults.Row>> groups = new LinkedHashMap<>();
        List<BenchResults.Row> sorted = new ArrayList<>(results.rowList());
        sorted.sort(java.util.Comparator.comparing((BenchResults.Row r) -> r.cell().instance())
                .thenComparing(r -> r.cell().variant().trace())
                .thenComparingDouble(r -> slackOrder(r.cell().variant().slack()))
                .thenComparing(r -> !r.cell().variant().switchCosts())
                .thenComparingInt(r -> results.solverList().indexOf(r.cell().solver())));
        for (BenchResults.Row row : sorted) {
            CellVariant v = row.cell().variant();
            List<String> key = List.of(row.cell().instance(), v.trace(), v.slack(), Boolean.toString(v.switchCosts()), row.cell().solver());
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
        }
        List<List<String>> table = new ArrayList<>();
        for (Map.Entry<List<String>, List<BenchResults.Row>> entry : groups.entrySet()) {
            List<BenchResults.Row> group = entry.getValue();
            double[] kg = values(group, r -> r.cell().objectiveKg());
            double[] finish = values(group, r -> r.cell().finishHours());
            double[] slowdown = values(group, BenchResults.Row::slowdown);
            List<String> row = new ArrayList<>(entry.getKey());
            row.addAll(List.of(Integer.toString(group.size()), Integer.toString(kg.length), BenchResults.number(mean(kg)),
                    BenchResults.number(p95(kg)), BenchResults.number(mean(finish)), BenchResults.number(p95(finish)),
                    BenchResults.number(mean(slowdown)), BenchResults.number(p95(slowdown)),
                    BenchResults.number(mean(values(group, BenchResults.Row::reductionVsFixedFastest))),
                    BenchResults.number(mean(values(group, r -> r.cell().tokensPerKg())))));
            table.add(row);
        }
        return Csv.format(COLUMNS, table);
    }

    static double slackOrder(String slack) {
        return slack.isEmpty() ? -1 : Double.parseDouble(slack);
    }

    /** The finite values of one figure over a group (cells without a plan have none). */
    private static double[] values(List<BenchResults.Row> group, ToDoubleFunction<BenchResults.Row> figure) {
        return group.stream().mapToDouble(figure).filter(Double::isFinite).toArray();
    }

    static double mean(double[] values) {
        return values.length == 0 ? Double.NaN : Arrays.stream(values).average().orElse(Double.NaN);
    }

    /** Nearest-rank 95th percentile. */
    static double p95(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.ceil(0.95 * sorted.length) - 1];
    }
}
