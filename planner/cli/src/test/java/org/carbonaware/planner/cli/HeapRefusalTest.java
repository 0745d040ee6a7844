package org.carbonaware.planner.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carbonaware.planner.cli.SimulateCommandTest.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.carbonaware.planner.app.ExitCodes;
import org.carbonaware.planner.cli.SimulateCommandTest.Run;
import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.formulation.Solvers;
import org.carbonaware.planner.io.InstanceReader;
import org.carbonaware.planner.solve.HeapBudget;
import org.carbonaware.planner.solve.SolveSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Exact solves whose tables cannot fit in the heap are refused in one line before anything large is allocated. */
class HeapRefusalTest {

    @TempDir
    Path dir;

    private static final Pattern ESTIMATE = Pattern.compile("need an estimated [0-9.]+ (GiB|MiB) of heap \\(([0-9,]+) bytes\\)");
    private static final String HINT = "Maybe use --solver decompose (per-site decomposition), lower maxActiveSites, give the sites fewer options,"
            + " or raise the heap with JAVA_TOOL_OPTIONS=-Xmx";

    /**
     * Three sites of 30 options each, all three at once: 31³ − 1 = 29,790 states (too many for the dominance test),
     * so the state graph alone would hold 29,791² arcs in each of 24 epochs.
     */
    private Path hugeInstance() throws IOException {
        List<String> sites = new ArrayList<>();
        for (String region : List.of("US-CAL-CISO", "DE", "AU-NSW")) {
            List<String> options = new ArrayList<>();
            for (int dp = 1; dp <= 30; dp++) {
                options.add("{\"dp\": %d, \"tp\": 1, \"pp\": 1, \"tokensPerSecond\": %d, \"watts\": %d}".formatted(dp, 1000 * dp, 700 * dp));
            }
            Path trace = Path.of("../../instances/traces/" + region + "_2023_hourly.csv").toAbsolutePath().normalize();
            sites.add("""
                    {"name": "%s", "carbonIntensity": {"file": "%s", "column": "Carbon Intensity gCO₂eq/kWh (direct)"},
                     "forecast": {"type": "synthetic"}, "options": [%s]}""".formatted(region, trace, String.join(", ", options)));
        }
        Path instance = dir.resolve("huge.json");
        Files.writeString(instance, """
                {"name": "huge", "start": "2023-05-08T00:00:00Z", "epochMinutes": 60, "deadlineHours": 24,
                 "workload": {"tokens": 1.0e8}, "maxActiveSites": 3, "sites": [%s]}
                """.formatted(String.join(",\n", sites)));
        return instance;
    }

    private static void assertRefused(Run run, Path instance, String solver) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.err()).startsWith("planner: " + instance + ": the " + solver + " solver's tables for 29,790 states x 24 epochs need an estimated ")
                .contains("of the maximum heap").contains(HINT).endsWith("g?" + System.lineSeparator()).doesNotContain("\tat ");
        Matcher estimate = ESTIMATE.matcher(run.err());
        assertThat(estimate.find()).as(run.err()).isTrue();
        // The states² table of tokens alone is 29,791² doubles, about 6.6 GiB; the per-epoch arc masks 24 times 0.8 GiB.
        long bytes = Long.parseLong(estimate.group(2).replace(",", ""));
        assertThat(bytes).isGreaterThan(29_791L * 29_791L * 24).isGreaterThan(HeapBudget.usableBytes());
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpsat", "mip", "label", "timefold"})
    void anExactSolveThatCannotFitIsRefusedInOneLineAndWritesNothing(String solver) throws IOException {
        Path instance = hugeInstance();
        Path out = dir.resolve("out/huge.json");
        Run plan = run("plan", instance.toString(), "--solver", solver, "--time-limit", "5", "--workers", "1", "--out", out.toString());
        assertRefused(plan, instance, solver);
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void aBaselineBuildsNoStateTablesAndStillPlansTheSameInstance() throws IOException {
        Path instance = hugeInstance();
        Path out = dir.resolve("ff.json");
        Run plan = run("plan", instance.toString(), "--solver", "fixed-fastest", "--out", out.toString());
        assertThat(plan.exitCode()).as(plan.err()).isEqualTo(ExitCodes.OK);
        assertThat(out).exists();
    }

    @Test
    void simulateRefusesBeforeItsFirstReplan() throws IOException {
        Path instance = hugeInstance();
        Path out = dir.resolve("sim/huge.json");
        Run simulate = run("simulate", instance.toString(), "--replan-every", "6", "--solver", "fixed-fastest", "--oracle-solver", "cpsat",
                "--workers", "1", "--out", out.toString());
        assertRefused(simulate, instance, "cpsat");
        assertThat(dir.resolve("sim")).doesNotExist();
    }

    @Test
    void theBundledInstancesAreWellWithinAGibibyteForEveryExactSolver() throws IOException {
        List<Path> bundled;
        try (Stream<Path> files = Stream.concat(Files.list(Path.of("../../instances")), Files.list(Path.of("../../instances/forecast")))) {
            bundled = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(bundled).hasSizeGreaterThan(5);
        SolveSettings settings = new SolveSettings(60, 1, 1, java.util.Map.of());
        for (Path file : bundled) {
            var instance = InstanceReader.read(file);
            Problem problem = InstanceReader.resolve(instance, InstanceReader.readTraces(instance));
            for (String solver : List.of("cpsat", "mip", "label", "timefold", "dp-only")) {
                long bytes = Solvers.create(solver).heapBytes(problem, settings);
                // Every exact solver counts at least its state graph's tokens per pair and one arc mask.
                long nodes = problem.stateCount() + 1L;
                assertThat(bytes).as(file + " " + solver).isGreaterThan(nodes * nodes * (8 + problem.epochCount())).isLessThan(1L << 30);
            }
        }
    }
}
