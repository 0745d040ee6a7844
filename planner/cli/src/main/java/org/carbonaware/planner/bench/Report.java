package org.carbonaware.planner.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.carbonaware.planner.io.SolutionFile;

/** The static benchmark report: inline CSS and SVG only, so it opens offline and can be archived as one file. */
public final class Report {

    private static final String CSS = """
            body{font-family:sans-serif;margin:24px;color:#222;max-width:1200px}
            h1{font-size:22px}h2{font-size:17px;margin-top:32px}h3{font-size:14px}
            table{border-collapse:collapse;font-size:12px;margin:8px 0}
            th,td{border:1px solid #ccc;padding:3px 6px;text-align:right}
            th{background:#f3f3f3}td.t{text-align:left}
            tr.ERROR td{background:#fde2e2}tr.UNKNOWN td,tr.INFEASIBLE td{background:#fff4d6}
            .note{color:#555;font-size:12px}svg{display:block;margin:8px 0}
            """;

    /** Instance variants drawn with their plans; a sweep of hundreds would make the page unreadably long. */
    static final int MAX_PLAN_CHARTS = 24;

    private Report() {
    }

    public static String html(BenchResults results) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Benchmark report: ")
                .append(Svg.escape(name(results.directory()))).append("</title>\n<style>").append(CSS).append("</style></head><body>\n");
        html.append("<h1>Benchmark report: ").append(Svg.escape(name(results.directory()))).append("</h1>\n");
        html.append("<p class=\"note\">Generated ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS))
                .append(" from ").append(results.rowList().size()).append(" cell result(s); ")
                .append(results.failureCount()).append(" failed. Objectives are re-scored by the validator. ")
                .append("gapToBound = (objective &minus; the solver's own lower bound) / bound; gapToBest = (objective &minus; best plan of any solver for the same instance and variant) / best.</p>\n");
        html.append(machines(results));
        html.append("<h2>Solvers</h2>\n").append(solverTable(results));
        html.append("<h2>Gap to the best plan vs time</h2>\n");
        html.append(GapChart.svg(results.solverList(), GapChart.trajectories(results)));
        html.append("<p class=\"note\">One line per cell. Solvers that record their improvements (cpsat: the presolve's plan and every CP-SAT "
                + "solution; mip: the presolve's plan and MPSolver's final plan; timefold: the warm start and every new best solution) are drawn "
                + "as a step line through them, at the solver's own objective of each plan; the others (label, baselines) as &#9675; when the "
                + "first plan was found and &#9679; when the solve stopped, both at the gap of the final plan.</p>\n");
        html.append("<h2>Results</h2>\n").append(resultTable(results));
        html.append("<h2>Plans per instance</h2>\n");
        html.append("<p class=\"note\">Carbon intensity of each epoch on top; below, each solver's best plan (over seeds): GPUs per epoch, coloured by tp/pp family.</p>\n");
        List<String> problems = results.problemList();
        for (String problem : problems.subList(0, Math.min(problems.size(), MAX_PLAN_CHARTS))) {
            html.append("<h3>").append(Svg.escape(problem)).append("</h3>\n").append(instanceChart(results, problem));
        }
        if (problems.size() > MAX_PLAN_CHARTS) {
            html.append("<p class=\"note\">Plan charts of the first ").append(MAX_PLAN_CHARTS).append(" of ").append(problems.size())
                    .append(" instance variants only; 'planner plot' draws any solution.</p>\n");
        }
        html.append("</body></html>\n");
        return html.toString();
    }

    private static String machines(BenchResults results) {
        Set<String> machines = new LinkedHashSet<>();
        Set<String> versions = new LinkedHashSet<>();
        Set<String> limits = new LinkedHashSet<>();
        for (BenchResults.Row row : results.rowList()) {
            CellResult c = row.cell();
            machines.add("%d cores, %s, Java %s".formatted(c.machine().cores(), c.machine().os(), c.machine().java()));
            if (c.solverVersion() != null) {
                versions.add(c.solver() + ": " + c.solverVersion());
            }
            limits.add(number(c.timeLimitSeconds()) + " s");
        }
        return "<p class=\"note\">Machine(s): " + Svg.escape(String.join("; ", machines)) + ". Solver versions: "
                + Svg.escape(String.join("; ", versions)) + ". Time limit(s): " + Svg.escape(String.join(", ", limits)) + ".</p>\n";
    }

    private static String solverTable(BenchResults results) {
        StringBuilder table = new StringBuilder("<table class=\"solvers\"><tr><th>solver</th><th>cells</th><th>with plan</th><th>optimal</th>"
                + "<th>errors</th><th>best plan found</th><th>mean gapToBest</th><th>max gapToBest</th><th>median solve s</th><th>median first plan s</th></tr>\n");
        for (String solver : results.solverList()) {
            List<BenchResults.Row> rows = results.rowList().stream().filter(r -> r.cell().solver().equals(solver)).toList();
            List<BenchResults.Row> planned = rows.stream().filter(r -> r.cell().hasPlan()).toList();
            long optimal = rows.stream().filter(r -> "OPTIMAL".equals(r.cell().status())).count();
            long errors = rows.stream().filter(r -> r.cell().failed()).count();
            long best = planned.stream().filter(r -> r.gapToBest() <= 1e-6).count();
            double meanGap = planned.stream().mapToDouble(BenchResults.Row::gapToBest).average().orElse(Double.NaN);
            double maxGap = planned.stream().mapToDouble(BenchResults.Row::gapToBest).max().orElse(Double.NaN);
            table.append("<tr><td class=\"t\">").append(Svg.escape(solver)).append("</td><td>").append(rows.size())
                    .append("</td><td>").append(planned.size()).append("</td><td>").append(optimal).append("</td><td>").append(errors)
                    .append("</td><td>").append(best).append("</td><td>").append(percent(meanGap)).append("</td><td>").append(percent(maxGap))
                    .append("</td><td>").append(number(median(rows.stream().mapToDouble(r -> r.cell().solveSeconds()).toArray())))
                    .append("</td><td>").append(number(median(planned.stream().mapToDouble(r -> r.cell().firstFeasibleSeconds()).toArray())))
                    .append("</td></tr>\n");
        }
        return table.append("</table>\n").toString();
    }

    private static String resultTable(BenchResults results) {
        StringBuilder table = new StringBuilder("<table class=\"results\"><tr><th>instance</th><th>variant</th><th>solver</th><th>seed</th><th>status</th>"
                + "<th>objective kg</th><th>bound kg</th><th>gapToBound</th><th>gapToBest</th><th>solve s</th><th>first plan s</th>"
                + "<th>reconf.</th><th>finish h</th><th>load</th><th>message</th></tr>\n");
        for (BenchResults.Row row : results.rowList()) {
            CellResult c = row.cell();
            table.append("<tr class=\"").append(Svg.escape(c.status())).append("\"><td class=\"t\">").append(Svg.escape(c.instance()))
                    .append("</td><td class=\"t\">").append(Svg.escape(c.variant().key()))
                    .append("</td><td class=\"t\">").append(Svg.escape(c.solver())).append("</td><td>").append(c.seed())
                    .append("</td><td class=\"t\">").append(Svg.escape(c.status())).append("</td><td>").append(kg(c.objectiveKg()))
                    .append("</td><td>").append(kg(c.bestBoundKg())).append("</td><td>").append(percent(c.gapToBound()))
                    .append("</td><td>").append(percent(row.gapToBest())).append("</td><td>").append(number(c.solveSeconds()))
                    .append("</td><td>").append(number(c.firstFeasibleSeconds())).append("</td><td>")
                    .append(c.reconfigurations() < 0 ? "" : c.reconfigurations()).append("</td><td>").append(number(c.finishHours()))
                    .append("</td><td>").append(number(c.loadAverage())).append("</td><td class=\"t\">")
                    .append(Svg.escape(c.message() == null ? "" : c.message())).append("</td></tr>\n");
        }
        return table.append("</table>\n").toString();
    }

    private static String instanceChart(BenchResults results, String problem) {
        Map<String, BenchResults.Row> bestBySolver = new LinkedHashMap<>();
        for (BenchResults.Row row : results.rowList()) {
            CellResult c = row.cell();
            if (c.problemKey().equals(problem) && c.hasPlan() && c.solution() != null) {
                bestBySolver.merge(c.solver(), row, (a, b) -> b.cell().objectiveKg() < a.cell().objectiveKg() ? b : a);
            }
        }
        List<PlanChart.Series> plans = new ArrayList<>();
        JsonNode reference = null;
        List<String> missing = new ArrayList<>();
        for (BenchResults.Row row : bestBySolver.values()) {
            CellResult c = row.cell();
            Optional<JsonNode> solution = readSolution(results.directory().resolve(c.solution()));
            if (solution.isEmpty()) {
                missing.add(c.solution());
                continue;
            }
            reference = reference == null ? solution.get() : reference;
            plans.add(PlanChart.seriesOf(solution.get(), "%s (seed %d): %s kg, gapToBest %s, %d reconfigurations"
                    .formatted(c.solver(), c.seed(), kg(c.objectiveKg()), percent(row.gapToBest()), c.reconfigurations())));
        }
        StringBuilder html = new StringBuilder();
        if (reference == null) {
            html.append("<p class=\"note\">No plan to draw").append(missing.isEmpty() ? "" : " (solution files missing: "
                    + Svg.escape(String.join(", ", missing)) + ")").append(".</p>\n");
            return html.toString();
        }
        html.append(PlanChart.svg(new PlanChart.Data(problem + ": best " + kg(results.bestKg(problem)) + " kg",
                PlanChart.epochStartsOf(reference), PlanChart.carbonIntensityOf(reference), plans, 0)));
        if (!missing.isEmpty()) {
            html.append("<p class=\"note\">Solution files missing: ").append(Svg.escape(String.join(", ", missing))).append("</p>\n");
        }
        return html.toString();
    }

    /** A missing solution file is noted in the report; a corrupt one is an input error naming the file and line. */
    private static Optional<JsonNode> readSolution(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return Optional.of(SolutionFile.readTree(file));
    }

    private static double median(double[] values) {
        double[] finite = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        if (finite.length == 0) {
            return Double.NaN;
        }
        int middle = finite.length / 2;
        return finite.length % 2 == 1 ? finite[middle] : (finite[middle - 1] + finite[middle]) / 2;
    }

    private static String name(Path directory) {
        Path absolute = directory.toAbsolutePath().normalize();
        return absolute.getFileName() == null ? absolute.toString() : absolute.getFileName().toString();
    }

    static String kg(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.3f", value) : "";
    }

    /** A gap in percent; tiny non-zero gaps (e.g. a MIP's relative tolerance) keep their digits, rounding noise reads 0. */
    static String percent(double fraction) {
        if (!Double.isFinite(fraction)) {
            return "";
        }
        double percent = Math.abs(fraction) < 1e-12 ? 0 : fraction * 100;
        return String.format(Locale.ROOT, percent != 0 && Math.abs(percent) < 1e-3 ? "%.1e %%" : "%.3f %%", percent);
    }

    static String number(double value) {
        if (!Double.isFinite(value)) {
            return "";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e12) {
            return Long.toString((long) value);
        }
        return String.format(Locale.ROOT, Math.abs(value) >= 100 ? "%.1f" : "%.3f", value);
    }
}
