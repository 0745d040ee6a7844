package org.carbonaware.planner.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carbonaware.planner.bench.BenchFixtures.planner;
import static org.carbonaware.planner.bench.BenchFixtures.tinyInstance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.carbonaware.planner.app.ExitCodes;
import org.carbonaware.planner.common.Csv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCommandTest {

    @TempDir
    Path temp;

    private static List<Map<String, String>> rows(Path csv) {
        return Csv.read(csv, List.of()).rowList().stream().map(Csv.Row::fieldMap).toList();
    }

    @Test
    void writesOneValidatedRowPerCellWithTheDocumentedColumns() throws IOException {
        Path instances = temp.resolve("instances");
        tinyInstance(instances, "tiny-a");
        Path out = temp.resolve("out");

        var run = planner("bench", "--instances", instances.toString(), "--solvers", "cpsat,mip", "--seeds", "1,2",
                "--time-limit", "10", "--workers", "1", "--out", out.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        List<String> header = Csv.header(out.resolve("results.csv"));
        assertThat(header).containsSubsequence("instance", "solver", "seed", "status", "objectiveKg", "bestBoundKg",
                "gapToBound", "gapToBest", "solveSeconds", "firstFeasibleSeconds", "reconfigurations", "finishHours");
        assertThat(header).contains("solverVersion", "cores", "os", "java");
        List<Map<String, String>> rows = rows(out.resolve("results.csv"));
        assertThat(rows).extracting(r -> r.get("solver") + "/" + r.get("seed"))
                .containsExactly("cpsat/1", "cpsat/2", "mip/1", "mip/2");
        for (Map<String, String> row : rows) {
            assertThat(row.get("status")).isEqualTo("OPTIMAL");
            assertThat(row.get("instance")).isEqualTo("tiny-a");
            assertThat(Double.parseDouble(row.get("gapToBest"))).isLessThan(1e-6);
            assertThat(row.get("cores")).isEqualTo(Integer.toString(Runtime.getRuntime().availableProcessors()));
            Path solution = out.resolve(row.get("solution"));
            assertThat(solution).exists().hasFileName("tiny-a-" + row.get("solver") + "-s" + row.get("seed") + ".json");
            // the stated objective is the validator's: re-validating the stored solution passes
            var validate = planner("validate", instances.resolve("tiny-a.json").toString(), solution.toString());
            assertThat(validate.exitCode()).as(validate.out()).isEqualTo(ExitCodes.OK);
            assertThat(validate.out()).contains("totalKg=" + String.format(java.util.Locale.ROOT, "%.6f",
                    Double.parseDouble(row.get("objectiveKg"))));
        }
        assertThat(out.resolve("report.html")).content().contains("class=\"gap-chart\"", "class=\"plan-chart\"", "tiny-a");
        assertThat(run.err()).contains("[4/4]", "ETA");
    }

    @Test
    void resumeSkipsCellsAlreadyDone() throws IOException {
        Path instance = tinyInstance(temp.resolve("instances"), "tiny-a");
        Path out = temp.resolve("out");
        var first = planner("bench", "--instances", instance.toString(), "--solvers", "mip", "--seeds", "1",
                "--time-limit", "10", "--out", out.toString());
        assertThat(first.exitCode()).as(first.err()).isZero();
        Path cell = out.resolve("cells/tiny-a-mip-s1.json");
        String before = Files.readString(cell);
        Files.setLastModifiedTime(cell, FileTime.fromMillis(1_000_000_000_000L));

        var second = planner("bench", "--instances", instance.toString(), "--solvers", "mip", "--seeds", "1,2",
                "--time-limit", "10", "--out", out.toString());

        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.err()).contains("2 cell(s), 1 already done, 1 to run").doesNotContain("tiny-a mip seed 1 ...");
        assertThat(Files.readString(cell)).isEqualTo(before);
        assertThat(Files.getLastModifiedTime(cell).toMillis()).isEqualTo(1_000_000_000_000L);
        assertThat(rows(out.resolve("results.csv"))).hasSize(2);
    }

    @Test
    void aFailingCellIsRecordedAndTheRunGoesOnButExitsNonZero() throws IOException {
        Path instances = temp.resolve("instances");
        Files.createDirectories(instances);
        Files.writeString(instances.resolve("broken.json"), "{ \"name\": \"broken\", ");
        tinyInstance(instances, "tiny-a");
        Path out = temp.resolve("out");

        var run = planner("bench", "--instances", instances.toString(), "--solvers", "mip", "--time-limit", "10",
                "--out", out.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("1 of 2 cell(s) failed", "broken-mip-s1", "broken.json");
        Map<String, Map<String, String>> byInstance = rows(out.resolve("results.csv")).stream()
                .collect(Collectors.toMap(r -> r.get("instance"), Function.identity()));
        assertThat(byInstance.get("broken").get("status")).isEqualTo("ERROR");
        assertThat(byInstance.get("broken").get("message")).contains("broken.json", "not valid JSON");
        assertThat(byInstance.get("tiny-a").get("status")).isEqualTo("OPTIMAL");

        // a rerun retries only the failed cell
        var rerun = planner("bench", "--instances", instances.toString(), "--solvers", "mip", "--time-limit", "10",
                "--out", out.toString());
        assertThat(rerun.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(rerun.err()).contains("1 already done, 1 to run");
    }

    @Test
    void shardsPartitionTheCellsAndMergeJoinsThem() throws IOException {
        Path instances = temp.resolve("instances");
        tinyInstance(instances, "tiny-a");
        tinyInstance(instances, "tiny-b", 1.4e7);
        String[] common = {"bench", "--instances", instances.toString(), "--solvers", "cpsat,mip", "--seeds", "1,2",
                "--time-limit", "10", "--workers", "1"};

        var all = planner(concat(common, "--out", temp.resolve("all").toString(), "--list"));
        List<String> allCells = all.out().lines().map(l -> l.split(" ")[0]).toList();
        assertThat(allCells).hasSize(8);
        List<String> union = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            var shard = planner(concat(common, "--out", temp.resolve("x").toString(), "--list", "--shard", i + "/3"));
            assertThat(shard.exitCode()).isZero();
            union.addAll(shard.out().lines().map(l -> l.split(" ")[0]).toList());
        }
        assertThat(union).hasSize(8).containsExactlyInAnyOrderElementsOf(allCells);
        assertThat(planner(concat(common, "--out", "x", "--shard", "4/3")).exitCode()).isEqualTo(ExitCodes.BAD_INPUT);

        Path shard1 = temp.resolve("shard1");
        Path shard2 = temp.resolve("shard2");
        assertThat(planner(concat(common, "--out", shard1.toString(), "--shard", "1/2")).exitCode()).isZero();
        assertThat(planner(concat(common, "--out", shard2.toString(), "--shard", "2/2")).exitCode()).isZero();
        Set<String> cells1 = cellIds(shard1);
        Set<String> cells2 = cellIds(shard2);
        assertThat(cells1).hasSize(4).doesNotContainAnyElementsOf(cells2);

        Path merged = temp.resolve("merged");
        var merge = planner("bench-merge", shard1.toString(), shard2.toString(), "--out", merged.toString());

        assertThat(merge.exitCode()).as(merge.err()).isZero();
        assertThat(cellIds(merged)).containsExactlyInAnyOrderElementsOf(allCells);
        List<Map<String, String>> rows = rows(merged.resolve("results.csv"));
        assertThat(rows).hasSize(8).allSatisfy(row -> assertThat(row.get("gapToBest")).isNotEmpty());
        assertThat(merged.resolve("solutions/tiny-b-mip-s2.json")).exists();
        assertThat(merged.resolve("report.html")).content().contains("tiny-a", "tiny-b");

        // the merged shards hold the cells and objectives of a single-process run
        Path single = temp.resolve("single");
        assertThat(planner(concat(common, "--out", single.toString())).exitCode()).isZero();
        var same = planner("bench-diff", merged.toString(), single.toString());
        assertThat(same.exitCode()).as(same.out() + same.err()).isZero();
        assertThat(same.err()).contains("the same 8 cell(s)");
        Path tampered = temp.resolve("tampered");
        Files.createDirectories(tampered);
        String csv = Files.readString(single.resolve("results.csv"));
        String objective = rows(single.resolve("results.csv")).get(0).get("objectiveKg");
        Files.writeString(tampered.resolve("results.csv"), csv.replaceFirst(java.util.regex.Pattern.quote("," + objective + ","),
                "," + Double.parseDouble(objective) * 1.01 + ","));
        var differ = planner("bench-diff", single.toString(), tampered.toString());
        assertThat(differ.exitCode()).isEqualTo(ExitCodes.INFEASIBLE_OR_INVALID);
        assertThat(differ.out()).startsWith("tiny-a-cpsat-s1: objectiveKg");
        Files.writeString(tampered.resolve("results.csv"), csv.lines().limit(3).collect(Collectors.joining("\n")) + "\n");
        assertThat(planner("bench-diff", single.toString(), tampered.toString()).out()).contains("only in " + single);

        // merging a shard again keeps what is there
        var again = planner("bench-merge", shard1.toString(), "--out", merged.toString());
        assertThat(again.err()).contains("copied 0 cell(s) (4 duplicate(s) left out)");

        // bench-report rebuilds the summary from the cell files alone
        Files.delete(merged.resolve("results.csv"));
        Files.delete(merged.resolve("report.html"));
        var report = planner("bench-report", merged.toString());
        assertThat(report.exitCode()).as(report.err()).isZero();
        assertThat(rows(merged.resolve("results.csv"))).hasSize(8);
        assertThat(merged.resolve("report.html")).exists();
    }

    @Test
    void aSuiteFileGivesTheSameSettingsWithPathsRelativeToIt() throws IOException {
        Path suites = temp.resolve("benchmarks/suites");
        tinyInstance(temp.resolve("instances"), "tiny-a");
        Files.createDirectories(suites);
        Path suite = suites.resolve("tiny.json");
        Files.writeString(suite, """
                {"instances": ["../../instances/*.json"], "solvers": ["mip"], "seeds": [3],
                 "timeLimitSeconds": 10, "workers": 1, "parameters": {"mip": {"backend": "HIGHS"}}, "out": "../results/tiny"}
                """);

        var run = planner("bench", "--suite", suite.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<Map<String, String>> rows = rows(temp.resolve("benchmarks/results/tiny/results.csv"));
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.get("seed")).isEqualTo("3");
            assertThat(row.get("solverVersion")).contains("HIGHS");
            assertThat(row.get("timeLimitSeconds")).isEqualTo("10");
        });

        Files.writeString(suite, "{\"instances\": [\"x\"], \"solvers\": [\"mip\"], \"timeLimit\": 3}");
        var bad = planner("bench", "--suite", suite.toString());
        assertThat(bad.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(bad.err()).contains("timeLimit");
        var unknownSolver = planner("bench", "--instances", temp.resolve("instances").toString(), "--solvers", "nope",
                "--out", temp.resolve("o").toString());
        assertThat(unknownSolver.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(unknownSolver.err()).contains("unknown solver 'nope'", "cpsat");
    }

    private static Set<String> cellIds(Path directory) throws IOException {
        try (var files = Files.list(directory.resolve("cells"))) {
            return files.map(p -> p.getFileName().toString().replaceFirst("\\.json$", "")).collect(Collectors.toCollection(HashSet::new));
        }
    }

    private static String[] concat(String[] first, String... rest) {
        String[] all = Arrays.copyOf(first, first.length + rest.length);
        System.arraycopy(rest, 0, all, first.length, rest.length);
        return all;
    }
}
