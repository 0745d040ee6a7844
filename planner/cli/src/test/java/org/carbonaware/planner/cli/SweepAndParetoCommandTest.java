package org.carbonaware.planner.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.carbonaware.planner.bench.BenchResults;
import org.carbonaware.planner.common.Csv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sweep and pareto run in-process on a two-option instance with a 48-hour trace. */
class SweepAndParetoCommandTest {

    @TempDir
    Path dir;

    record Run(int exitCode, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = PlannerCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    Path instance() throws IOException {
        StringBuilder trace = new StringBuilder("Datetime (UTC),Carbon Intensity gCO₂eq/kWh (direct)\n");
        StringBuilder other = new StringBuilder("datetime,gCO2\n");
        for (int h = 0; h < 48; h++) {
            trace.append("2023-01-01 %02d:00:00,%d%n".formatted(h % 24, h < 24 ? 100 + 50 * (h % 3) : 300 - 40 * (h % 4))
                    .replace("2023-01-01 ", h < 24 ? "2023-01-01 " : "2023-01-02 "));
            other.append("2023-01-%02dT%02d:00:00Z,%d%n".formatted(1 + h / 24, h % 24, 400 - 5 * h));
        }
        Files.writeString(dir.resolve("trace.csv"), trace, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("other.csv"), other, StandardCharsets.UTF_8);
        Path file = dir.resolve("tiny.json");
        Files.writeString(file, """
                {"name": "tiny", "start": "2023-01-01T00:00:00Z", "epochMinutes": 60, "deadlineHours": 4,
                 "workload": {"tokens": 14400}, "reconfiguration": {"resumeMinutes": 6},
                 "carbonIntensity": {"file": "trace.csv", "column": "Carbon Intensity gCO₂eq/kWh (direct)"},
                 "options": [{"dp": 2, "tp": 1, "pp": 1, "tokensPerSecond": 2.0, "watts": 200},
                             {"dp": 1, "tp": 1, "pp": 1, "tokensPerSecond": 1.0, "watts": 80}]}
                """, StandardCharsets.UTF_8);
        return file;
    }

    static List<Map<String, String>> rows(Path csv) {
        return Csv.read(csv, List.of()).rowList().stream().map(Csv.Row::fieldMap).toList();
    }

    static Map<String, String> row(List<Map<String, String>> rows, String solver, String trace, String start, String slack) {
        return rows.stream().filter(r -> r.get("solver").equals(solver) && r.get("trace").equals(trace)
                && r.get("start").equals(start) && r.get("slack").equals(slack)).findFirst().orElseThrow();
    }

    @Test
    void sweepRunsItsVariantsAsBenchCellsAndResumes() throws IOException {
        Path instance = instance();
        Path out = dir.resolve("sweep");
        String[] args = {"sweep", instance.toString(), "--start-every", "3", "--count", "2", "--slack", "0,0.5",
                "--trace", dir.resolve("trace.csv").toString(), dir.resolve("other.csv").toString(),
                "--solvers", "fixed-fastest,threshold,shift", "--workers", "1", "--jobs", "2", "--out", out.toString()};
        Run first = run(args);
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.err()).contains("[24/24]", "ETA");
        List<Map<String, String>> rows = rows(out.resolve("results.csv"));
        assertThat(Csv.header(out.resolve("results.csv"))).isEqualTo(BenchResults.COLUMNS);
        assertThat(rows).hasSize(2 * 2 * 2 * 3); // traces × starts × slacks × solvers
        assertThat(row(rows, "shift", "other", "2023-01-01T03:00:00Z", "0.5")).containsEntry("switchCosts", "true")
                .containsEntry("variant", "other.20230101T0300Z.s0.5");
        // fixed-fastest is its own reference: no slowdown, no reduction; slack 0.5 gives 1.5 × (2 h + 6 min) -> 4 h.
        assertThat(row(rows, "fixed-fastest", "trace", "2023-01-01T00:00:00Z", "0.5")).containsEntry("deadlineHours", "4")
                .containsEntry("status", "FEASIBLE").containsEntry("slowdown", "0").containsEntry("reductionVsFixedFastest", "0");
        List<Map<String, String>> summary = rows(out.resolve("summary.csv"));
        assertThat(summary).hasSize(2 * 2 * 3);
        assertThat(summary.get(0)).containsEntry("trace", "other").containsEntry("slack", "0.0").containsEntry("solver", "fixed-fastest")
                .containsEntry("cells", "2").containsEntry("withPlan", "2");
        assertThat(out.resolve("pareto.csv")).exists();

        // Rerun: nothing left to do.
        Run again = run(args);
        assertThat(again.err()).contains("24 cell(s), 24 already done, 0 to run");

        // A lost cell and a torn one: only those two are recomputed.
        Path cells = out.resolve("cells");
        Files.delete(cells.resolve("tiny~other.20230101T0300Z.s0.5-shift-s1.json"));
        Path torn = cells.resolve("tiny~trace.20230101T0000Z.s0.0-threshold-s1.json");
        Files.writeString(torn, Files.readString(torn).substring(0, 40));
        Run resumed = run(args);
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.err()).contains("24 cell(s), 22 already done, 2 to run");
        assertThat(rows(out.resolve("results.csv"))).hasSize(24);
        assertThat(rows(out.resolve("results.csv"))).extracting(r -> r.get("status")).doesNotContain("ERROR");
    }

    @Test
    void sweepAndBenchRunTheSameCellsIntoTheSameResults() throws IOException {
        Path instance = instance();
        Path swept = dir.resolve("swept");
        Run sweep = run("sweep", instance.toString(), "--start-every", "3", "--count", "2", "--slack", "0,0.5",
                "--trace", dir.resolve("trace.csv").toString(), dir.resolve("other.csv").toString(),
                "--solvers", "threshold,cpsat", "--workers", "1", "--time-limit", "10", "--out", swept.toString());
        assertThat(sweep.exitCode()).as(sweep.err()).isZero();
        Path suite = dir.resolve("same-cells.json");
        Files.writeString(suite, """
                {"instances": ["tiny.json"], "solvers": ["threshold", "cpsat", "fixed-fastest"], "seeds": [1],
                 "timeLimitSeconds": 10, "workers": 1, "traces": ["trace.csv", "other.csv"],
                 "starts": {"first": "2023-01-01T00:00:00Z", "everyHours": 3, "count": 2}, "slacks": [0, 0.5]}
                """, StandardCharsets.UTF_8);
        // the sweep's cells are exactly the suite's: all done in the sweep's directory
        Run listed = run("bench", "--suite", suite.toString(), "--out", swept.toString(), "--list");
        assertThat(listed.out().lines()).hasSize(24).allMatch(line -> line.endsWith(" done"));

        Path benched = dir.resolve("benched");
        Run bench = run("bench", "--suite", suite.toString(), "--out", benched.toString());
        assertThat(bench.exitCode()).as(bench.err()).isZero();
        assertThat(Csv.header(benched.resolve("results.csv"))).isEqualTo(Csv.header(swept.resolve("results.csv")));
        Map<String, Map<String, String>> fromSweep = byCell(rows(swept.resolve("results.csv")));
        Map<String, Map<String, String>> fromBench = byCell(rows(benched.resolve("results.csv")));
        assertThat(fromBench.keySet()).hasSize(24).isEqualTo(fromSweep.keySet());
        for (String cell : fromSweep.keySet()) {
            for (String column : List.of("trace", "start", "slack", "switchCosts", "deadlineHours", "status", "reconfigurations", "solution")) {
                assertThat(fromBench.get(cell).get(column)).as(cell + " " + column).isEqualTo(fromSweep.get(cell).get(column));
            }
            for (String column : List.of("objectiveKg", "finishHours", "slowdown", "reductionVsFixedFastest", "gapToBest")) {
                double a = Double.parseDouble(fromSweep.get(cell).get(column));
                double b = Double.parseDouble(fromBench.get(cell).get(column));
                assertThat(b).as(cell + " " + column).isCloseTo(a, within(1e-9 * Math.max(1, Math.abs(a))));
            }
        }
        assertThat(Files.readString(benched.resolve("summary.csv"))).isEqualTo(Files.readString(swept.resolve("summary.csv")));
    }

    private static Map<String, Map<String, String>> byCell(List<Map<String, String>> rows) {
        Map<String, Map<String, String>> cells = new java.util.TreeMap<>();
        rows.forEach(r -> cells.put(r.get("instance") + "~" + r.get("variant") + "-" + r.get("solver") + "-s" + r.get("seed"), r));
        return cells;
    }

    @Test
    void aFailingVariantIsRecordedAndTheSweepFinishesTheOthersBeforeFailing() throws IOException {
        Path instance = instance();
        StringBuilder shortTrace = new StringBuilder("datetime,gCO2\n");
        for (int h = 0; h < 3; h++) {
            shortTrace.append("2023-01-01T%02d:00:00Z,%d%n".formatted(h, 100 + h));
        }
        Files.writeString(dir.resolve("short.csv"), shortTrace, StandardCharsets.UTF_8);
        Path out = dir.resolve("failing");
        Run result = run("sweep", instance.toString(), "--trace", dir.resolve("short.csv").toString(), dir.resolve("other.csv").toString(),
                "--solvers", "threshold", "--out", out.toString());
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("2 of 4 cell(s) failed", "tiny~short-threshold-s1", "short.csv").contains("Maybe");
        List<Map<String, String>> rows = rows(out.resolve("results.csv"));
        assertThat(rows).extracting(r -> r.get("trace") + ":" + r.get("status"))
                .containsExactlyInAnyOrder("short:ERROR", "short:ERROR", "other:FEASIBLE", "other:FEASIBLE");
    }

    @Test
    void sweepWithoutSlackKeepsTheDeadlineAndRejectsUnknownSolvers() throws IOException {
        Path instance = instance();
        Run ok = run("sweep", instance.toString(), "--start-every", "1", "--count", "1", "--solvers", "fixed-fastest",
                "--no-switch-costs", "--out", dir.resolve("plain").toString());
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        assertThat(rows(dir.resolve("plain/results.csv"))).singleElement().satisfies(r -> assertThat(r)
                .containsEntry("trace", "trace").containsEntry("start", "2023-01-01T00:00:00Z").containsEntry("slack", "")
                .containsEntry("switchCosts", "false").containsEntry("deadlineHours", "4"));
        assertThat(dir.resolve("plain/pareto.csv")).doesNotExist();
        Run bad = run("sweep", instance.toString(), "--start-every", "1", "--count", "1", "--solvers", "nope",
                "--out", dir.resolve("bad").toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("unknown solver 'nope'");
    }

    @Test
    void sweepWithoutSwitchCostsKeepsTheSlackDeadlineOfTheInstance() throws IOException {
        Path instance = instance();
        // Slack 0: ceil(2 h + 6 min resume) = 3 h with switching costs; the comparison run must not drop to 2 h.
        Run free = run("sweep", instance.toString(), "--slack", "0", "--solvers", "fixed-fastest", "--no-switch-costs",
                "--out", dir.resolve("free").toString());
        assertThat(free.exitCode()).as(free.err()).isZero();
        assertThat(rows(dir.resolve("free/results.csv"))).singleElement().satisfies(r -> assertThat(r)
                .containsEntry("slack", "0.0").containsEntry("switchCosts", "false").containsEntry("deadlineHours", "3"));
    }

    @Test
    void paretoWritesTheFrontierFromItsCells() throws IOException {
        Path instance = instance();
        Path out = dir.resolve("pareto");
        Run result = run("pareto", instance.toString(), "--slack", "0,0.5,1", "--solver", "cpsat", "--workers", "1",
                "--time-limit", "10", "--out", out.toString());
        assertThat(result.exitCode()).as(result.err()).isZero();
        List<Map<String, String>> rows = rows(out.resolve("pareto.csv"));
        assertThat(rows).extracting(r -> r.get("slack")).containsExactly("0.0", "0.5", "1.0");
        assertThat(rows.get(0)).containsEntry("solver", "cpsat").containsEntry("deadlineHours", "3").containsEntry("status", "OPTIMAL");
        for (Map<String, String> row : rows) {
            // the exact planner never loses to fixed-fastest
            assertThat(Double.parseDouble(row.get("reductionVsFixedFastest"))).isGreaterThanOrEqualTo(-1e-9);
            assertThat(Double.parseDouble(row.get("fixedFastestKg"))).isPositive();
        }
        assertThat(result.out()).isEqualTo(Files.readString(out.resolve("pareto.csv")));
        String svg = Files.readString(out.resolve("pareto.svg"));
        assertThat(svg).startsWith("<svg").contains("<polyline").contains("fixed-fastest").endsWith("</svg>\n");
        // the analysis re-runs from the stored cells alone
        Files.delete(out.resolve("pareto.csv"));
        Run report = run("bench-report", out.toString());
        assertThat(report.exitCode()).as(report.err()).isZero();
        assertThat(rows(out.resolve("pareto.csv"))).hasSize(3);
    }

    @Test
    void planTakesAThresholdOption() throws IOException {
        Path instance = instance();
        Run ok = run("plan", instance.toString(), "--solver", "threshold", "--threshold", "1000",
                "--out", dir.resolve("t.json").toString());
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("solver=threshold status=FEASIBLE");
        Run low = run("plan", instance.toString(), "--solver", "threshold", "--threshold", "1",
                "--out", dir.resolve("t2.json").toString());
        assertThat(low.exitCode()).isEqualTo(1);
        assertThat(low.err()).contains("threshold 1 gCO2eq/kWh leaves too few running epochs");
        Run bad = run("plan", instance.toString(), "--solver", "threshold", "--param", "threshold=abc",
                "--out", dir.resolve("t3.json").toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("threshold=abc").contains("expected a number");
    }
}
