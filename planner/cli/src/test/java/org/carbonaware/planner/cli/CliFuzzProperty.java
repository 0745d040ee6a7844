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
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.carbonaware.planner.app.ExitCodes;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes {@code plan} (in-process) with mutated instances and traces: every run exits 0, 1, 2 or 3, a failing run
 * prints one stderr line without a stack trace and leaves no file, and a successful one writes only finite figures
 * and a solution {@code validate} accepts. The property runs a few dozen cases in the suite; the larger run
 * ({@code benchmarks/fuzz/run.sh}) sets {@code fuzz.runs} and {@code fuzz.report}.
 */
class CliFuzzProperty {

    private static final String[] SOLVERS = {"fixed-fastest", "cpsat", "label", "threshold", "dp-only", "mip", "timefold"};
    private static final String[] FIELDS = {"start", "epochMinutes", "deadlineHours", "workload", "tokens", "maxGpus", "pue",
            "embodiedGramsPerGpuHour", "resumeMinutes", "dpChangeMinutes", "reshardMinutes", "carbonIntensity", "file", "dp",
            "tp", "pp", "gpus", "tokensPerSecond", "watts", "options", "name", "idleWatts", "maxGapMinutes"};
    private static final String[] VALUES = {"-1", "0", "1", "1e308", "-1e308", "5e-324", "1e15", "1e40", "2147483648", "0.5",
            "\"x\"", "null", "[]", "{}", "true", "\"\"", "\"2024-01-01T00:00:00Z\"", "3", "1e-300", "\"ci.csv\"", "60"};
    private static final String[] CELLS = {"-5", "NaN", "Infinity", "1e308", "", "x", "\"", "0", "1e-320", "2024-01-01 00:00:00",
            "99999999"};

    /** What one run did: its exit code and the mutation that led to it. */
    record Outcome(int exitCode, String solver, String mutation) {
    }

    @Property(tries = 30)
    void everyRunEndsCleanly(@ForAll long seed) throws IOException {
        Path dir = Files.createTempDirectory("fuzz");
        try {
            runOne(dir, new Random(seed));
        } finally {
            deleteTree(dir);
        }
    }

    /** The larger run of benchmarks/fuzz: skipped unless -Dfuzz.runs=N; writes counts by exit code and mutation. */
    @Test
    void largerRun() throws IOException {
        int runs = Integer.getInteger("fuzz.runs", 0);
        org.junit.jupiter.api.Assumptions.assumeTrue(runs > 0, "set -Dfuzz.runs=N for the larger run");
        Map<String, Integer> counts = new TreeMap<>();
        Random seeds = new Random(Long.getLong("fuzz.seed", 12));
        for (int i = 0; i < runs; i++) {
            Path dir = Files.createTempDirectory("fuzz");
            try {
                Outcome outcome = runOne(dir, new Random(seeds.nextLong()));
                counts.merge("exit " + outcome.exitCode(), 1, Integer::sum);
                counts.merge("solver " + outcome.solver() + " exit " + outcome.exitCode(), 1, Integer::sum);
                for (String kind : outcome.mutation().split("\\+")) {
                    counts.merge("mutation " + kind, 1, Integer::sum);
                }
            } finally {
                deleteTree(dir);
            }
        }
        StringBuilder report = new StringBuilder("runs " + runs + "\n");
        counts.forEach((key, count) -> report.append(key).append(' ').append(count).append('\n'));
        String target = System.getProperty("fuzz.report");
        if (target != null) {
            Files.writeString(Path.of(target), report);
        }
        System.out.print(report);
    }

    private static Outcome runOne(Path dir, Random random) throws IOException {
        Path instance = PlanAndValidateCommandTest.writeTinyInstance(dir);
        Path trace = dir.resolve("ci.csv");
        String mutation = mutate(instance, trace, random);
        String solver = SOLVERS[random.nextInt(SOLVERS.length)];
        Path out = dir.resolve("out/s.json");
        List<String> args = new ArrayList<>(List.of("plan", instance.toString(), "--solver", solver, "--workers", "1",
                "--time-limit", "5", "--out", out.toString()));
        if (solver.equals("timefold")) {
            args.addAll(List.of("--param", "moveLimit=2000"));
        }
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        int code = PlannerCommand.execute(new PrintWriter(stdout, true), new PrintWriter(stderr, true), args.toArray(String[]::new));
        String context = "%s with %s: exit %d%nstdout: %s%nstderr: %s".formatted(solver, mutation, code, stdout, stderr);
        assertThat(code).as(context).isIn(ExitCodes.OK, ExitCodes.INFEASIBLE_OR_INVALID, ExitCodes.BAD_INPUT, ExitCodes.NO_SOLUTION);
        assertThat(stderr.toString()).as(context).doesNotContain("\tat ").doesNotContain("internal error");
        assertThat(stdout.toString()).as(context).doesNotContain("Infinity").doesNotContain("NaN");
        if (code != ExitCodes.OK) {
            assertThat(stderr.toString().lines()).as(context).hasSize(1);
            assertThat(filesUnder(dir.resolve("out"))).as(context).isEmpty();
        } else {
            for (Path file : List.of(out, dir.resolve("out/s.epochs.csv"))) {
                assertThat(Files.readString(file, StandardCharsets.UTF_8)).as(context + " " + file)
                        .doesNotContain("Infinity").doesNotContain("NaN");
            }
            StringWriter validateOut = new StringWriter();
            int valid = PlannerCommand.execute(new PrintWriter(validateOut, true), new PrintWriter(new StringWriter(), true),
                    "validate", instance.toString(), out.toString());
            assertThat(valid).as(context + "\nvalidate: " + validateOut).isZero();
        }
        return new Outcome(code, solver, mutation);
    }

    /** One to three mutations of the instance or the trace; returns a description starting with the kind. */
    private static String mutate(Path instance, Path trace, Random random) throws IOException {
        List<String> done = new ArrayList<>();
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            boolean onTrace = random.nextInt(3) == 0;
            Path file = onTrace ? trace : instance;
            // Lenient: an earlier byte mutation may have left the file invalid UTF-8.
            String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            String kind;
            switch (random.nextInt(onTrace ? 5 : 4)) {
                case 0 -> {
                    kind = "truncate";
                    text = text.substring(0, random.nextInt(text.length() + 1));
                }
                case 1 -> {
                    kind = "byte";
                    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                    bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
                    Files.write(file, bytes);
                    done.add((onTrace ? "trace-" : "instance-") + kind);
                    continue;
                }
                case 2 -> {
                    if (onTrace) {
                        kind = "cell";
                        List<String> lines = new ArrayList<>(text.lines().toList());
                        int line = random.nextInt(lines.size());
                        String[] cells = lines.get(line).split(",", -1);
                        cells[random.nextInt(cells.length)] = CELLS[random.nextInt(CELLS.length)];
                        lines.set(line, String.join(",", cells));
                        text = String.join("\n", lines) + "\n";
                    } else {
                        kind = "value";
                        String field = FIELDS[random.nextInt(FIELDS.length)];
                        text = replaceValue(text, field, VALUES[random.nextInt(VALUES.length)], random);
                    }
                }
                case 3 -> {
                    kind = onTrace ? "drop-line" : "drop-field";
                    if (onTrace) {
                        List<String> lines = new ArrayList<>(text.lines().toList());
                        lines.remove(random.nextInt(lines.size()));
                        text = String.join("\n", lines) + "\n";
                    } else {
                        text = text.replaceFirst("\"" + FIELDS[random.nextInt(FIELDS.length)] + "\": [^,}\\]]*,? ?", "");
                    }
                }
                default -> {
                    kind = "swap-lines";
                    List<String> lines = new ArrayList<>(text.lines().toList());
                    java.util.Collections.swap(lines, random.nextInt(lines.size()), random.nextInt(lines.size()));
                    text = String.join("\n", lines) + "\n";
                }
            }
            Files.writeString(file, text, StandardCharsets.UTF_8);
            done.add((onTrace ? "trace-" : "instance-") + kind);
        }
        return String.join("+", done);
    }

    /** The value after one occurrence of "field": replaced (a number, string, or whole object/array up to the next , or }). */
    private static String replaceValue(String text, String field, String value, Random random) {
        List<Integer> starts = new ArrayList<>();
        String key = "\"" + field + "\": ";
        for (int at = text.indexOf(key); at >= 0; at = text.indexOf(key, at + 1)) {
            starts.add(at + key.length());
        }
        if (starts.isEmpty()) {
            return text.replaceFirst("\\{", "{ " + key + value + ",");
        }
        int start = starts.get(random.nextInt(starts.size()));
        int end = start;
        int depth = 0;
        while (end < text.length()) {
            char c = text.charAt(end);
            if (c == '{' || c == '[') {
                depth++;
            } else if ((c == '}' || c == ']') && depth-- == 0 || c == ',' && depth == 0) {
                break;
            }
            end++;
        }
        return text.substring(0, start) + value + text.substring(end);
    }

    private static List<Path> filesUnder(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
