package org.carbonaware.planner.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carbonaware.planner.cli.PlanAndValidateCommandTest.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.carbonaware.planner.app.ExitCodes;
import org.carbonaware.planner.cli.PlanAndValidateCommandTest.Run;
import org.junit.jupiter.api.Test;

/** Finite but huge inputs: rejected at input when a plan's figures cannot be summed finitely, planned exactly otherwise. */
class FiniteArithmeticTest extends TinyInstanceTest {

    private void edit(String from, String to) throws IOException {
        String text = Files.readString(instance);
        assertThat(text).contains(from);
        Files.writeString(instance, text.replace(from, to));
    }

    private Run plan(String solver, String... extra) {
        String[] args = java.util.stream.Stream.concat(java.util.stream.Stream.of("plan", instance.toString(), "--solver", solver,
                "--workers", "1", "--out", dir.resolve("out/" + solver + ".json").toString()), java.util.stream.Stream.of(extra))
                .toArray(String[]::new);
        return run(args);
    }

    private void assertRejected(Run plan, String... expected) {
        assertThat(plan.exitCode()).as(plan.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(plan.err().lines()).hasSize(1);
        assertThat(plan.err()).contains(expected).contains("Maybe").doesNotContain("Infinity");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void hugeWattsAreRejectedNamingTheField() throws IOException {
        edit("\"watts\": 1000 }", "\"watts\": 1e308 }");
        assertRejected(plan("cpsat"), "field 'options[0]'", "watts 1.000e+308");
    }

    @Test
    void hugeTokensPerSecondIsRejectedNamingTheField() throws IOException {
        edit("\"tokensPerSecond\": 10,", "\"tokensPerSecond\": 1e308,");
        assertRejected(plan("timefold"), "field 'options[0]'", "tokensPerSecond 1.000e+308");
    }

    @Test
    void hugePueEmbodiedAndCarbonIntensityAreRejectedNamingTheField() throws IOException {
        String text = Files.readString(instance);
        edit("\"pue\": 1.2", "\"pue\": 1e308");
        assertRejected(plan("cpsat"), "field 'pue'");
        Files.writeString(instance, text.replace("\"embodiedGramsPerGpuHour\": 9", "\"embodiedGramsPerGpuHour\": 1e308"));
        assertRejected(plan("cpsat"), "field 'embodiedGramsPerGpuHour'");
        Files.writeString(instance, text);
        Files.writeString(dir.resolve("ci.csv"), Files.readString(dir.resolve("ci.csv")).replace(",250", ",1e308"));
        Run label = plan("label");
        assertRejected(label, "field 'carbonIntensity'", "epoch 2");
        assertThat(label.err()).doesNotContain("infeasible");
    }

    @Test
    void anAbsurdlyFastOptionIsPlannedExactlyByEverySolver() throws IOException {
        // 1e15 tokens/s trains the workload in a blink: finite, so every solver must plan it (no integer overflow).
        edit("\"tokensPerSecond\": 10,", "\"tokensPerSecond\": 1e15,");
        double cheapest = Double.NaN;
        for (String[] solver : new String[][] {{"cpsat"}, {"mip"}, {"label"}, {"timefold", "--param", "moveLimit=2000"}, {"dp-only"}}) {
            Run plan = plan(solver[0], java.util.Arrays.copyOfRange(solver, 1, solver.length));
            assertThat(plan.exitCode()).as(solver[0] + ": " + plan.err()).isEqualTo(ExitCodes.OK);
            Run validate = run("validate", instance.toString(), dir.resolve("out/" + solver[0] + ".json").toString());
            assertThat(validate.exitCode()).as(validate.out()).isZero();
            if (solver[0].equals("cpsat")) {
                assertThat(plan.out()).contains("status=OPTIMAL");
                cheapest = Double.parseDouble(plan.out().replaceAll("(?s).*totalKg=([0-9.]+).*", "$1"));
            }
        }
        // One epoch of the fast option (6 min lost, 2 GPUs) in the cleanest hour, 80 g/kWh.
        double expectedKg = (1000 * 1.2 / 1000 * 80 + 2 * 9) / 1000;
        assertThat(cheapest).isEqualTo(Math.round(expectedKg * 1000) / 1000.0);
    }

    @Test
    void aWorkloadOf1e40IsInfeasibleWithReadableNumbers() throws IOException {
        edit("\"tokens\": 150000", "\"tokens\": 1e40");
        Run plan = plan("cpsat");
        assertThat(plan.exitCode()).as(plan.err()).isEqualTo(ExitCodes.INFEASIBLE_OR_INVALID);
        assertThat(plan.err()).contains("1.000e+40 tokens").doesNotContainPattern("[0-9]{16,} h");
    }

    @Test
    void aGlobalBatchBelowOneSequenceIsBadInput() throws IOException {
        Files.writeString(instance, """
                { "name": "gen", "start": "2024-01-01T00:00:00Z", "epochMinutes": 60, "deadlineHours": 6,
                  "workload": { "tokens": 1e9 }, "carbonIntensity": { "file": "ci.csv" },
                  "model": "llama2-7b", "cluster": { "gpu": "A100-80GB", "maxGpus": 64 },
                  "training": { "globalBatchTokens": 5e-324 } }
                """);
        assertRejected(plan("cpsat"), "field 'training.globalBatchTokens'", "less than one");
    }
}
