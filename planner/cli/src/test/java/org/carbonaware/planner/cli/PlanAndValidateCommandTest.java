package org.carbonaware.planner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.carbonaware.planner.app.ExitCodes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanAndValidateCommandTest {

    @TempDir
    Path dir;

    private Path instance;

    record Run(int exitCode, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = PlannerCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    static final String INSTANCE = """
            { "name": "tiny", "start": "2024-01-01T00:00:00Z", "epochMinutes": 60, "deadlineHours": 6,
              "workload": { "tokens": WORKLOAD }, "maxGpus": 8, "pue": 1.2, "embodiedGramsPerGpuHour": 9,
              "reconfiguration": { "resumeMinutes": 6, "dpChangeMinutes": 3, "reshardMinutes": 12 },
              "carbonIntensity": { "file": "ci.csv" },
              "options": [ { "dp": 2, "tp": 1, "pp": 1, "gpus": 2, "tokensPerSecond": 10, "watts": 1000 },
                           { "dp": 4, "tp": 1, "pp": 1, "gpus": 4, "tokensPerSecond": 18, "watts": 2000 },
                           { "dp": 2, "tp": 2, "pp": 1, "gpus": 4, "tokensPerSecond": 19, "watts": 2100 } ] }
            """;

    @BeforeEach
    void writeInstance() throws IOException {
        instance = writeTinyInstance(dir);
    }

    /** Writes the six-epoch instance {@code tiny.json} (workload 150000 tokens) and its trace {@code ci.csv}. */
    static Path writeTinyInstance(Path directory) throws IOException {
        StringBuilder trace = new StringBuilder("time,ci\n");
        int[] ci = {300, 100, 250, 80, 400, 120};
        for (int h = 0; h < ci.length; h++) {
            trace.append("2024-01-01 %02d:00:00,%d%n".formatted(h, ci[h]));
        }
        Files.writeString(directory.resolve("ci.csv"), trace);
        Path file = directory.resolve("tiny.json");
        Files.writeString(file, INSTANCE.replace("WORKLOAD", "150000"));
        return file;
    }

    @Test
    void planWritesAValidatedSolutionAndValidateAcceptsIt() throws IOException {
        Path out = dir.resolve("out/tiny-cpsat.json");
        Run plan = run("plan", instance.toString(), "--solver", "cpsat", "--workers", "1", "--out", out.toString());
        assertThat(plan.exitCode()).as(plan.err()).isEqualTo(ExitCodes.OK);
        assertThat(plan.out()).contains("status=OPTIMAL");
        JsonNode json = new ObjectMapper().readTree(out.toFile());
        for (String field : new String[] {"instance", "solver", "status", "objective", "bestBoundKg", "gap", "solveSeconds",
                "finishHours", "energyKwh", "reconfigurations", "epochs"}) {
            assertThat(json.has(field)).as(field).isTrue();
        }
        assertThat(json.get("epochs")).hasSize(6);
        assertThat(json.get("epochs").get(0).has("carbonIntensity")).isTrue();
        assertThat(dir.resolve("out/tiny-cpsat.epochs.csv")).exists();
        try (var files = Files.list(dir.resolve("out"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("tiny-cpsat.json", "tiny-cpsat.epochs.csv");
        }

        Run validate = run("validate", instance.toString(), out.toString());
        assertThat(validate.exitCode()).as(validate.out()).isEqualTo(ExitCodes.OK);
        assertThat(validate.out()).contains("result: VALID");

        Run mip = run("plan", instance.toString(), "--solver", "mip", "--out", dir.resolve("mip.json").toString());
        assertThat(mip.exitCode()).isEqualTo(ExitCodes.OK);
        double cpsatKg = json.get("objective").get("totalKg").asDouble();
        double mipKg = new ObjectMapper().readTree(dir.resolve("mip.json").toFile()).get("objective").get("totalKg").asDouble();
        assertThat(mipKg).isCloseTo(cpsatKg, org.assertj.core.api.Assertions.within(1e-6 * cpsatKg));
    }

    @Test
    void validateRejectsATamperedSolutionWithExitCode1() throws IOException {
        Path out = dir.resolve("s.json");
        assertThat(run("plan", instance.toString(), "--workers", "1", "--out", out.toString()).exitCode()).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toFile());
        double totalKg = json.get("objective").get("totalKg").asDouble();
        Files.writeString(out, Files.readString(out).replaceFirst("\"totalKg\" : [0-9.eE-]+", "\"totalKg\" : " + totalKg * 0.9));
        Run validate = run("validate", instance.toString(), out.toString());
        assertThat(validate.exitCode()).isEqualTo(ExitCodes.INFEASIBLE_OR_INVALID);
        assertThat(validate.out()).contains("mismatch: objective.totalKg");
        assertThat(validate.err().lines()).hasSize(1);
    }

    @Test
    void infeasibleInstanceExitsWith1AndSaysWhy() throws IOException {
        Files.writeString(instance, INSTANCE.replace("WORKLOAD", "1e9"));
        Run plan = run("plan", instance.toString(), "--out", dir.resolve("x.json").toString());
        assertThat(plan.exitCode()).isEqualTo(ExitCodes.INFEASIBLE_OR_INVALID);
        assertThat(plan.err()).contains("infeasible").contains("needs").contains("deadline leaves 6.0 h");
        assertThat(plan.err().lines()).hasSize(1);
        assertThat(dir.resolve("x.json")).doesNotExist();
    }

    @Test
    void badInputExitsWith2WithOneLineAndNoStackTrace() throws IOException {
        Files.writeString(instance, INSTANCE.replace("WORKLOAD", "150000").replace("\"pue\"", "\"puee\""));
        Run plan = run("plan", instance.toString());
        assertThat(plan.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(plan.err().lines()).hasSize(1);
        assertThat(plan.err()).contains("tiny.json").contains("puee").doesNotContain("at org.");

        Run withTrace = run("plan", instance.toString(), "--stacktrace");
        assertThat(withTrace.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(withTrace.err()).contains("at org.");
    }

    @Test
    void usageErrorsExitWith2() {
        assertThat(run("plan").exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run("plan", instance.toString(), "--solver", "nope").exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run("plan", instance.toString(), "--time-limit", "-1").exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run("frobnicate").exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run("validate", instance.toString(), dir.resolve("missing.json").toString()).exitCode())
                .isEqualTo(ExitCodes.BAD_INPUT);
    }

    @Test
    void noSolutionWithinTheTimeLimitExitsWith3() {
        // The plain flow model without presolve hints cannot be solved in a millisecond.
        Run plan = run("plan", "../../instances/de-week.json", "--param", "presolve=none", "--time-limit", "0.001",
                "--workers", "1", "--out", dir.resolve("none.json").toString());
        assertThat(plan.exitCode()).as(plan.err()).isEqualTo(ExitCodes.NO_SOLUTION);
        assertThat(plan.err()).contains("no plan found");
        assertThat(dir.resolve("none.json")).doesNotExist();

        Run mip = run("plan", "../../instances/de-week.json", "--solver", "mip", "--param", "presolve=none",
                "--time-limit", "0.01", "--workers", "1", "--out", dir.resolve("none-mip.json").toString());
        assertThat(mip.exitCode()).as(mip.err()).isEqualTo(ExitCodes.NO_SOLUTION);
        assertThat(mip.err()).contains("within 0.01 s");
    }

    @Test
    void committedReferenceSolutionOfTheMainJobStillValidates() {
        Run validate = run("validate", "../../instances/de-week.json", "../../benchmarks/reference/de-week-cpsat.json");
        assertThat(validate.exitCode()).as(validate.out()).isEqualTo(ExitCodes.OK);
        assertThat(validate.out()).contains("totalKg=3779.87");
    }

    @Test
    void helpListsTheCommands() {
        Run help = run("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("plan").contains("validate").contains("Exit codes");
    }
}
