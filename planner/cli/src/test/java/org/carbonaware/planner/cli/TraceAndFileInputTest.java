package org.carbonaware.planner.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carbonaware.planner.cli.PlanAndValidateCommandTest.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.carbonaware.planner.app.ExitCodes;
import org.carbonaware.planner.cli.PlanAndValidateCommandTest.Run;
import org.junit.jupiter.api.Test;

/** Traces with gaps, files that are not what they should be, and option tables that cannot run: plain one-line errors. */
class TraceAndFileInputTest extends TinyInstanceTest {

    private void writeTrace(int... hours) throws IOException {
        StringBuilder trace = new StringBuilder("time,ci\n");
        for (int h : hours) {
            trace.append("2024-01-01 %02d:00:00,%d%n".formatted(h, 100 + 10 * h));
        }
        Files.writeString(dir.resolve("ci.csv"), trace);
    }

    private Run plan() {
        return run("plan", instance.toString(), "--solver", "fixed-fastest", "--out", dir.resolve("out/s.json").toString());
    }

    /** One plain line: no control characters, no library internals, a hint, and no output file left behind. */
    private void assertPlainBadInput(Run plan) {
        assertThat(plan.exitCode()).as(plan.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(plan.err().lines()).as(plan.err()).hasSize(1);
        assertThat(plan.err().strip()).doesNotContainPattern("[\\p{Cntrl}\\uFFFD]")
                .doesNotContain("REDACTED").doesNotContain("StreamReadFeature").doesNotContain("Exception")
                .doesNotContain("startline").contains("Maybe");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void aShortGapIsFilledAndCountedInTheSolutionAndOnStderr() throws IOException {
        writeTrace(0, 1, 2, 4, 5);
        Run plan = plan();
        assertThat(plan.exitCode()).as(plan.err()).isEqualTo(ExitCodes.OK);
        assertThat(plan.err()).contains("1 epoch(s) take their carbon intensity across gaps");
        JsonNode json = new ObjectMapper().readTree(dir.resolve("out/s.json").toFile());
        assertThat(json.at("/statistics/filledEpochs").asInt()).isEqualTo(1);
        assertThat(json.at("/epochs/3/carbonIntensity").asDouble()).isEqualTo(120.0);
    }

    /** The count is read with the traces, so the solutions of bench cells and simulations state it too. */
    @Test
    void benchCellsAndSimulationsRecordTheFilledEpochsToo() throws IOException {
        writeTrace(0, 1, 2, 4, 5);
        Path bench = dir.resolve("bench");
        Run cells = run("bench", "--instances", instance.toString(), "--solvers", "fixed-fastest,label", "--workers", "1", "--out", bench.toString());
        assertThat(cells.exitCode()).as(cells.err()).isEqualTo(ExitCodes.OK);
        ObjectMapper mapper = new ObjectMapper();
        List<Path> solutions;
        try (Stream<Path> files = Files.list(bench.resolve("solutions"))) {
            solutions = files.filter(p -> p.toString().endsWith(".json")).toList();
        }
        assertThat(solutions).hasSize(2);
        for (Path solution : solutions) {
            assertThat(mapper.readTree(solution.toFile()).at("/statistics/filledEpochs").asInt()).as(solution.toString()).isEqualTo(1);
        }
        Path simulated = dir.resolve("sim/s.json");
        Run simulate = run("simulate", instance.toString(), "--replan-every", "2", "--forecast", "synthetic", "--solver", "fixed-fastest",
                "--oracle-solver", "label", "--out", simulated.toString());
        assertThat(simulate.exitCode()).as(simulate.err()).isEqualTo(ExitCodes.OK);
        assertThat(mapper.readTree(simulated.toFile()).at("/statistics/filledEpochs").asInt()).isEqualTo(1);
    }

    @Test
    void aCompleteTraceReportsNoFilledEpochs() throws IOException {
        Run plan = plan();
        assertThat(plan.exitCode()).as(plan.err()).isEqualTo(ExitCodes.OK);
        assertThat(plan.err()).doesNotContain("gaps");
        JsonNode json = new ObjectMapper().readTree(dir.resolve("out/s.json").toFile());
        assertThat(json.at("/statistics/filledEpochs").isInt()).isTrue();
        assertThat(json.at("/statistics/filledEpochs").asInt()).isZero();
    }

    @Test
    void aLongGapIsAnErrorNamingBothLinesUnlessMaxGapMinutesAllowsIt() throws IOException {
        writeTrace(0, 1, 4, 5);
        Run plan = plan();
        assertPlainBadInput(plan);
        assertThat(plan.err()).contains("ci.csv:4:").contains("180-minute gap").contains("(line 3)").contains("(line 4)")
                .contains("carbonIntensity.maxGapMinutes");
        Files.writeString(instance, Files.readString(instance).replace("\"file\": \"ci.csv\"", "\"file\": \"ci.csv\", \"maxGapMinutes\": 180"));
        Run allowed = plan();
        assertThat(allowed.exitCode()).as(allowed.err()).isEqualTo(ExitCodes.OK);
        assertThat(allowed.err()).contains("2 epoch(s) take their carbon intensity across gaps");
    }

    @Test
    void aBinaryInstanceIsNamedAsSuchWithoutEchoingItsBytes() throws IOException {
        Files.write(instance, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 'I', 'H', 'D', 'R'});
        Run plan = plan();
        assertPlainBadInput(plan);
        assertThat(plan.err()).contains("tiny.json").contains("not a UTF-8 text file");
    }

    @Test
    void aBinaryTraceIsNamedAsSuchWithoutEchoingItsBytes() throws IOException {
        Files.write(dir.resolve("ci.csv"), new byte[] {'t', ',', 'c', '\n', 0, 1, 2, (byte) 0xff, (byte) 0xfe, '\n'});
        Run plan = plan();
        assertPlainBadInput(plan);
        assertThat(plan.err()).contains("ci.csv").contains("not a UTF-8 text file");
    }

    @Test
    void jsonAndCsvParserInternalsBecomePlainMessages() throws IOException {
        Files.writeString(instance, "{ \"name\": \"tiny\", \"start\": \u0001 }");
        Run json = plan();
        assertPlainBadInput(json);
        assertThat(json.err()).contains("tiny.json:1:").contains("not valid JSON");

        PlanAndValidateCommandTest.writeTinyInstance(dir);
        Files.writeString(dir.resolve("ci.csv"), "time,ci\n2024-01-01 00:00:00,100\n2024-01-01 01:00:00,\"200\n2024-01-01 02:00:00,300\n");
        Run csv = plan();
        assertPlainBadInput(csv);
        assertThat(csv.err()).contains("ci.csv:3:").contains("quoted field");
    }

    @Test
    void anOptionWithFewerGpusThanItsLayoutIsAnErrorAndSparesAreAllowed() throws IOException {
        String text = Files.readString(instance);
        Files.writeString(instance, text.replace("{ \"dp\": 4, \"tp\": 1, \"pp\": 1, \"gpus\": 4,", "{ \"dp\": 4, \"tp\": 1, \"pp\": 1, \"gpus\": 3,"));
        Run fewer = plan();
        assertPlainBadInput(fewer);
        assertThat(fewer.err()).contains("options[1].gpus").contains("3 is below dp*tp*pp").contains("= 4");
        Files.writeString(instance, text.replace("{ \"dp\": 4, \"tp\": 1, \"pp\": 1, \"gpus\": 4,", "{ \"dp\": 4, \"tp\": 1, \"pp\": 1, \"gpus\": 5,"));
        Run spares = plan();
        assertThat(spares.exitCode()).as(spares.err()).isEqualTo(ExitCodes.OK);
    }
}
