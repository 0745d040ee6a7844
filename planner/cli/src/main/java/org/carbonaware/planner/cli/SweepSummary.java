package org.carbonaware.planner.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.carbonaware.planner.formulation.Solvers;

/** Builds summary.csv from the rows of sweep.csv: per solver × trace × slack × switch costs, means and p95s. */
final class SweepSummary {

    static final String HEADER = "solver,trace,slack,switchCosts,cells,withPlan,meanKg,p95Kg,meanFinishHours,p95FinishHours,"
            + "meanSlowdown,p95Slowdown,meanReductionVsFixedFastest,meanTokensPerKg";

    private SweepSummary() {
    }

    static String summarise(List<List<String>> rows) {
        int solver = SweepCommand.COLUMNS.indexOf("solver");
        int trace = SweepCommand.COLUMNS.indexOf("trace");
        int slack = SweepCommand.COLUMNS.indexOf("slack");
        int switchCosts = SweepCommand.COLUMNS.indexOf("switchCosts");
        Map<String, List<List<String>>> groups = new LinkedHashMap<>();
        for (List<String> row : rows) {
            String key = String.join(",", row.get(solver), row.get(trace), row.get(slack), row.get(switchCosts));
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
        }
        // Rows arrive in completion order; list groups by trace, slack, switch costs, then solver registry order.
        List<String> solverOrder = Solvers.names();
        List<Map.Entry<String, List<List<String>>>> ordered = new ArrayList<>(groups.entrySet());
        ordered.sort(Comparator.<Map.Entry<String, List<List<String>>>, String>comparing(e -> e.getValue().get(0).get(trace))
                .thenComparing(e -> slackKey(e.getValue().get(0).get(slack)))
                .thenComparing(e -> e.getValue().get(0).get(switchCosts), Comparator.reverseOrder())
                .thenComparing(e -> rank(solverOrder, e.getValue().get(0).get(solver))));
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        for (var entry : ordered) {
            List<List<String>> group = entry.getValue();
            double[] kg = values(group, "objectiveKg");
            double[] finish = values(group, "finishHours");
            double[] slowdown = values(group, "slowdown");
            double[] reduction = values(group, "reductionVsFixedFastest");
            double[] tokensPerKg = values(group, "tokensPerKg");
            out.append(String.join(",", entry.getKey(), Integer.toString(group.size()), Integer.toString(kg.length),
                    Scenarios.number(mean(kg)), Scenarios.number(p95(kg)), Scenarios.number(mean(finish)),
                    Scenarios.number(p95(finish)), Scenarios.number(mean(slowdown)), Scenarios.number(p95(slowdown)),
                    Scenarios.number(mean(reduction)), Scenarios.number(mean(tokensPerKg)))).append('\n');
        }
        return out.toString();
    }

    private static double slackKey(String slack) {
        return slack.isEmpty() ? -1 : Double.parseDouble(slack);
    }

    private static int rank(List<String> order, String solver) {
        int index = order.indexOf(solver);
        return index < 0 ? order.size() : index;
    }

    /** The finite values of one column (cells without a plan have empty fields). */
    private static double[] values(List<List<String>> group, String column) {
        int index = SweepCommand.COLUMNS.indexOf(column);
        return group.stream().map(row -> row.get(index)).filter(text -> !text.isEmpty())
                .mapToDouble(Double::parseDouble).filter(Double::isFinite).toArray();
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
