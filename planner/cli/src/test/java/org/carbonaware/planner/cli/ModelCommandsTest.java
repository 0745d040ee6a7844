package org.carbonaware.planner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCommandsTest {

    record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = PlannerCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void estimateOfThePublishedBloomLayoutFits() throws Exception {
        Run run = run("estimate", "--model", "bloom-176b", "--gpu", "A100-80GB", "--tp", "4", "--pp", "12", "--dp", "8",
                "--global-batch", "2048", "--micro-batch", "2", "--recompute", "full", "--zero", "1", "--uneven-stages",
                "--no-flash-attention", "--precision", "fp16", "--format", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("fits").asBoolean()).isTrue();
        for (String field : new String[] {"memoryGiBPerGpu", "iterationSeconds", "tokensPerSecond", "mfu", "watts", "embodiedGramsPerHour"}) {
            assertThat(json.get(field).asDouble()).as(field).isPositive();
        }
        assertThat(json.get("gpus").asInt()).isEqualTo(384);
        assertThat(json.get("iterationSeconds").asDouble()).isBetween(104.7 * 0.85, 104.7 * 1.15);
    }

    @Test
    void noDropoutStoresLessAndIsOnlyForACommandLineShape() throws Exception {
        String[] shape = {"estimate", "--layers", "24", "--hidden", "2048", "--heads", "16", "--seq-len", "2048", "--vocab", "50304",
                "--gpu", "A100-80GB", "--tp", "2", "--dp", "2", "--global-batch", "64", "--micro-batch", "4", "--no-flash-attention",
                "--format", "json"};
        Run withDropout = run(shape);
        String[] noDropout = java.util.Arrays.copyOf(shape, shape.length + 1);
        noDropout[shape.length] = "--no-dropout";
        Run without = run(noDropout);
        assertThat(withDropout.exitCode()).as(withDropout.err()).isZero();
        assertThat(without.exitCode()).as(without.err()).isZero();
        ObjectMapper mapper = new ObjectMapper();
        assertThat(mapper.readTree(without.out()).get("memoryGiBPerGpu").asDouble())
                .isLessThan(mapper.readTree(withDropout.out()).get("memoryGiBPerGpu").asDouble());
        Run both = run("estimate", "--model", "llama3-8b", "--no-dropout", "--gpu", "H100-80GB", "--global-batch", "64");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("--no-dropout");
    }

    @Test
    void omittedMicroBatchAndInterleaveAreChosen() throws Exception {
        String[] layout = {"estimate", "--layers", "24", "--hidden", "2048", "--heads", "16", "--seq-len", "2048", "--vocab", "50304",
                "--gpu", "A100-80GB", "--tp", "2", "--pp", "2", "--dp", "2", "--global-batch", "64", "--format", "json"};
        Run run = run(layout);
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("model").asText()).isEqualTo("custom");
        assertThat(json.get("fits").asBoolean()).isTrue();
        // the chosen pair is the fastest of every pair given explicitly (the search tries interleave 1-8), and gives the
        // same estimate when given
        double chosen = json.get("tokensPerSecond").asDouble();
        double fastest = 0;
        int fitting = 0;
        for (int microBatch : new int[] {1, 2, 4, 8, 16, 32}) {
            for (int interleave : new int[] {1, 2, 3, 4, 6, 8}) {
                String[] given = java.util.Arrays.copyOf(layout, layout.length + 4);
                System.arraycopy(new String[] {"--micro-batch", Integer.toString(microBatch), "--interleave", Integer.toString(interleave)},
                        0, given, layout.length, 4);
                Run explicit = run(given);
                if (explicit.exitCode() != 0) {
                    continue;
                }
                fitting++;
                double tokensPerSecond = new ObjectMapper().readTree(explicit.out()).get("tokensPerSecond").asDouble();
                fastest = Math.max(fastest, tokensPerSecond);
                if (microBatch == json.get("microBatch").asInt() && interleave == json.get("interleave").asInt()) {
                    assertThat(tokensPerSecond).isEqualTo(chosen);
                }
            }
        }
        assertThat(fitting).isGreaterThan(1);
        assertThat(chosen).isGreaterThanOrEqualTo(fastest);
    }

    @Test
    void infeasibleEstimateExitsOneAndSaysWhy() {
        Run memory = run("estimate", "--model", "gpt3-175b", "--gpu", "A100-80GB", "--tp", "8", "--global-batch", "1536", "--micro-batch", "1");
        assertThat(memory.exitCode()).isEqualTo(1);
        assertThat(memory.out()).contains("fits=false").contains("memory: needs");
        assertThat(memory.err()).contains("does not fit: memory: needs").contains("GiB over");
        Run heads = run("estimate", "--model", "gpt3-175b", "--gpu", "A100-80GB", "--tp", "5", "--global-batch", "1536", "--format", "json");
        assertThat(heads.exitCode()).isEqualTo(1);
        assertThat(heads.out()).contains("\"fits\" : false").contains("heads 96 is not divisible by tp 5");
    }

    @Test
    void badUsageExitsTwo() {
        assertThat(run("estimate", "--gpu", "A100-80GB", "--global-batch", "8").exitCode()).isEqualTo(2);
        Run unknown = run("estimate", "--model", "gpt3-175b", "--gpu", "Z100", "--global-batch", "8");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown GPU 'Z100'");
        assertThat(run("estimate", "--model", "gpt3-175b", "--gpu", "A100-80GB", "--global-batch", "8", "--recompute", "some").exitCode()).isEqualTo(2);
    }

    @Test
    void optionsPrintsTheGeneratedTableAndCounts(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("small.json");
        Files.writeString(file, """
                {"start": "2023-05-08T00:00:00Z", "epochMinutes": 60, "deadlineHours": 24, "workload": {"tokens": 1e10},
                 "carbonIntensity": {"file": "trace.csv"},
                 "model": "llama2-7b", "cluster": {"gpu": "H100-80GB", "maxGpus": 32, "powersOfTwo": true},
                 "training": {"globalBatchSequences": 128}}
                """);
        Run csv = run("options", file.toString());
        assertThat(csv.exitCode()).as(csv.err()).isZero();
        String[] lines = csv.out().strip().split("\\R");
        assertThat(lines[0]).startsWith("id,dp,tp,pp,gpus,microBatch");
        assertThat(lines.length).isGreaterThan(1);
        assertThat(csv.err()).containsPattern("configurations evaluated, \\d+ fit in memory, " + (lines.length - 1) + " on the Pareto front");
        Run json = run("options", file.toString(), "--format", "json");
        JsonNode document = new ObjectMapper().readTree(json.out());
        assertThat(document.get("options").size()).isEqualTo(lines.length - 1);
        assertThat(document.get("candidateCount").asLong()).isGreaterThan(document.get("paretoCount").asLong());
        assertThat(run("options", file.toString(), "--format", "xml").exitCode()).isEqualTo(2);
    }

    @Test
    void estimateUnderAPowerCapIsSlowerAndDrawsLessAndWholeRunsShowTheGoodput() throws Exception {
        String[] layout = {"estimate", "--model", "llama3-70b", "--gpu", "H100-80GB", "--tp", "4", "--pp", "4", "--dp", "8",
                "--global-batch", "512", "--zero", "1", "--sequence-parallel", "--tokens", "1e11", "--format", "json"};
        JsonNode uncapped = new ObjectMapper().readTree(run(layout).out());
        String[] cappedArgs = java.util.Arrays.copyOf(layout, layout.length + 2);
        cappedArgs[layout.length] = "--power-cap";
        cappedArgs[layout.length + 1] = "500";
        Run cappedRun = run(cappedArgs);
        assertThat(cappedRun.exitCode()).as(cappedRun.err()).isZero();
        JsonNode capped = new ObjectMapper().readTree(cappedRun.out());
        assertThat(capped.get("powerCapWatts").asDouble()).isEqualTo(500);
        assertThat(capped.get("id").asText()).endsWith("-cap500");
        assertThat(uncapped.get("powerCapWatts").isNull()).isTrue();
        assertThat(capped.get("tokensPerSecond").asDouble()).isLessThan(uncapped.get("tokensPerSecond").asDouble());
        assertThat(capped.get("wattsPerGpu").asDouble()).isLessThan(uncapped.get("wattsPerGpu").asDouble()).isLessThanOrEqualTo(500);
        assertThat(capped.get("computeClock").asDouble()).isLessThan(1);
        JsonNode whole = uncapped.get("wholeRun");
        assertThat(whole.get("hours").asDouble()).isCloseTo(whole.get("steadyHours").asDouble() / whole.get("goodput").asDouble(),
                org.assertj.core.api.Assertions.within(1e-6));
        String[] tooLow = cappedArgs.clone();
        tooLow[tooLow.length - 1] = "150";
        Run low = run(tooLow);
        assertThat(low.exitCode()).isEqualTo(2);
        assertThat(low.err()).contains("--power-cap").contains("280-700 W").contains("Maybe");
    }

    @Test
    void optionsListsTheCapsOfAClusterWithAPowerCapGrid(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("capped.json");
        Files.writeString(file, """
                {"start": "2023-05-08T00:00:00Z", "epochMinutes": 60, "deadlineHours": 24, "workload": {"tokens": 1e10},
                 "carbonIntensity": {"file": "trace.csv"},
                 "model": "llama2-7b", "cluster": {"gpu": "H100-80GB", "maxGpus": 32, "powersOfTwo": true, "powerCapsWatts": [560, 420]},
                 "training": {"globalBatchSequences": 128}}
                """);
        Run csv = run("options", file.toString());
        assertThat(csv.exitCode()).as(csv.err()).isZero();
        String[] lines = csv.out().strip().split("\\R");
        int capColumn = java.util.Arrays.asList(lines[0].split(",")).indexOf("powerCapWatts");
        assertThat(capColumn).isPositive();
        assertThat(java.util.Arrays.stream(lines).skip(1).map(l -> l.split(",", -1)[capColumn])).contains("560", "420", "");
    }

    @Test
    void estimateTakesAnInstancesJobAndTheInstancesBatchUnit() {
        // llama70b-h100-de-week: llama3-70b on H100-80GB, globalBatchTokens 4194304 = 512 sequences of 8192 tokens.
        String[] layout = {"--tp", "8", "--pp", "4", "--dp", "2", "--format", "json"};
        Run fromInstance = run(java.util.stream.Stream.concat(java.util.stream.Stream.of("estimate", "--instance",
                "../../instances/llama70b-h100-de-week.json"), java.util.stream.Stream.of(layout)).toArray(String[]::new));
        Run byTokens = run(java.util.stream.Stream.concat(java.util.stream.Stream.of("estimate", "--model", "llama3-70b",
                "--gpu", "H100-80GB", "--global-batch-tokens", "4194304"), java.util.stream.Stream.of(layout)).toArray(String[]::new));
        Run bySequences = run(java.util.stream.Stream.concat(java.util.stream.Stream.of("estimate", "--model", "llama3-70b",
                "--gpu", "H100-80GB", "--global-batch", "512"), java.util.stream.Stream.of(layout)).toArray(String[]::new));
        assertThat(fromInstance.exitCode()).as(fromInstance.err()).isIn(0, 1);
        assertThat(fromInstance.out()).contains("tokensPerSecond").isEqualTo(byTokens.out()).isEqualTo(bySequences.out());
        Run notWhole = run("estimate", "--model", "llama3-70b", "--gpu", "H100-80GB", "--global-batch-tokens", "1000");
        assertThat(notWhole.exitCode()).isEqualTo(2);
        assertThat(notWhole.err()).contains("not a whole number").contains("Maybe use 8192?");
        Run both = run("estimate", "--instance", "../../instances/llama70b-h100-de-week.json", "--gpu", "A100-80GB");
        assertThat(both.exitCode()).isEqualTo(2);
        Run classic = run("estimate", "--instance", "../../instances/de-week.json");
        assertThat(classic.exitCode()).isEqualTo(2);
        assertThat(classic.err()).contains("field 'cluster'").contains("Maybe");
    }
}
