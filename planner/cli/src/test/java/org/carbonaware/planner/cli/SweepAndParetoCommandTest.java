package org.carbonaware.planner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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

    static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }

    @Test
    void sweepWritesBothCsvsAndResumes() throws IOException {
        Path instance = instance();
        Path out = dir.resolve("sweep");
        String[] args = {"sweep", instance.toString(), "--start-every", "3", "--count", "2", "--slack", "0,0.5",
                "--trace", dir.resolve("trace.csv").toString(), dir.resolve("other.csv").toString(),
                "--solvers", "fixed-fastest,threshold,shift", "--workers", "2", "--out", out.toString()};
        Run first = run(args);
        assertThat(first.exitCode()).as(first.err()).isZero();
        List<String> rows = lines(out.resolve("sweep.csv"));
        assertThat(rows.get(0)).isEqualTo(SweepCommand.HEADER);
        assertThat(rows).hasSize(1 + 2 * 2 * 2 * 3); // traces × starts × slacks × solvers
        assertThat(rows).anyMatch(r -> r.startsWith("shift,other,2023-01-01T03:00:00Z,0.5,true,"));
        // fixed-fastest is its own reference: no slowdown, no reduction; slack 0.5 gives 1.5 × (2 h + 6 min) -> 4 h.
        assertThat(rows).anyMatch(r -> r.startsWith("fixed-fastest,trace,2023-01-01T00:00:00Z,0.5,true,4.0000000,FEASIBLE,")
                && r.contains(",0.0000000,0.0000000,"));
        List<String> summary = lines(out.resolve("summary.csv"));
        assertThat(summary.get(0)).isEqualTo(SweepSummary.HEADER);
        assertThat(summary).hasSize(1 + 2 * 2 * 3);
        assertThat(summary.get(1)).startsWith("fixed-fastest,other,0.0,true,2,2,");

        // Rerun: nothing left to do.
        Run again = run(args);
        assertThat(again.err()).contains("(24 done before, 0 to run)");
        assertThat(lines(out.resolve("sweep.csv"))).hasSize(rows.size());

        // A lost row and a torn last line: only the missing cell is recomputed.
        List<String> damaged = new ArrayList<>(rows);
        String removed = damaged.remove(5);
        Files.writeString(out.resolve("sweep.csv"), String.join("\n", damaged) + "\nthreshold,tra", StandardCharsets.UTF_8);
        Run resumed = run(args);
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.err()).contains("(23 done before, 1 to run)");
        List<String> repaired = lines(out.resolve("sweep.csv"));
        assertThat(repaired).hasSize(rows.size());
        String key = String.join(",", List.of(removed.split(",")).subList(0, 5));
        assertThat(repaired).anyMatch(r -> r.startsWith(key + ","));
    }

    @Test
    void sweepWithoutSlackKeepsTheDeadlineAndRejectsUnknownSolvers() throws IOException {
        Path instance = instance();
        Run ok = run("sweep", instance.toString(), "--start-every", "1", "--count", "1", "--solvers", "fixed-fastest",
                "--no-switch-costs", "--out", dir.resolve("plain").toString());
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        assertThat(lines(dir.resolve("plain/sweep.csv")).get(1)).startsWith("fixed-fastest,trace,2023-01-01T00:00:00Z,,false,4.0000000,");
        Run bad = run("sweep", instance.toString(), "--start-every", "1", "--count", "1", "--solvers", "nope",
                "--out", dir.resolve("bad").toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("unknown solver 'nope'");
    }

    @Test
    void sweepWithoutSwitchCostsKeepsTheSlackDeadlineOfTheInstance() throws IOException {
        Path instance = instance();
        // Slack 0: ceil(2 h + 6 min resume) = 3 h with switching costs; the comparison run must not drop to 2 h.
        Run free = run("sweep", instance.toString(), "--start-every", "1", "--count", "1", "--slack", "0",
                "--solvers", "fixed-fastest", "--no-switch-costs", "--out", dir.resolve("free").toString());
        assertThat(free.exitCode()).as(free.err()).isZero();
        assertThat(lines(dir.resolve("free/sweep.csv")).get(1)).startsWith("fixed-fastest,trace,2023-01-01T00:00:00Z,0.0,false,3.0000000,");
    }

    @Test
    void paretoWritesCsvAndSvg() throws IOException {
        Path instance = instance();
        Path out = dir.resolve("pareto");
        Run result = run("pareto", instance.toString(), "--slack", "0,0.5,1", "--solver", "cpsat", "--workers", "1",
                "--time-limit", "10", "--out", out.toString());
        assertThat(result.exitCode()).as(result.err()).isZero();
        List<String> rows = lines(out.resolve("pareto.csv"));
        assertThat(rows.get(0)).isEqualTo(ParetoCommand.HEADER);
        assertThat(rows).hasSize(4);
        assertThat(rows.get(1)).startsWith("0.0,3.0000000,OPTIMAL,");
        for (String row : rows.subList(1, rows.size())) {
            double reduction = Double.parseDouble(row.split(",")[6]);
            assertThat(reduction).isGreaterThanOrEqualTo(-1e-9); // the exact planner never loses to fixed-fastest
        }
        String svg = Files.readString(out.resolve("pareto.svg"));
        assertThat(svg).startsWith("<svg").contains("<polyline").contains("fixed-fastest").endsWith("</svg>\n");
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
