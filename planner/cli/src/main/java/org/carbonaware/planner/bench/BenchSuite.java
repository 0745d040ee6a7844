package org.carbonaware.planner.bench;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.carbonaware.planner.app.SolverParameters;
import org.carbonaware.planner.formulation.Solvers;
import org.carbonaware.planner.common.InputException;
import org.carbonaware.planner.common.JsonFields;
import org.carbonaware.planner.io.SolutionFile;
import org.carbonaware.planner.solve.SolveSettings;

/**
 * What a benchmark runs: instances x solvers x seeds, with one time limit and thread count for every solve.
 *
 * @param instancePatterns instance files, directories (their {@code *.json}) or globs, relative to {@code baseDirectory}
 * @param solvers solver names; {@code all} stands for every registered solver
 * @param parameters each solver's checked options, by solver name
 * @param variants the instance variants every instance is run in ({@link VariantGrid#NONE}: as written)
 * @param out the benchmark directory, or null when the command line must give it
 * @param baseDirectory what relative paths are resolved against (the suite file's directory, or the working directory)
 */
public record BenchSuite(List<String> instancePatterns, List<String> solvers, List<Long> seeds, double timeLimitSeconds,
                         int workers, Map<String, Map<String, String>> parameters, VariantGrid variants, Path out,
                         Path baseDirectory) {

    public static final String ALL_SOLVERS = "all";
    public static final double DEFAULT_TIME_LIMIT_SECONDS = SolveSettings.DEFAULT_TIME_LIMIT_SECONDS;

    public BenchSuite {
        instancePatterns = List.copyOf(instancePatterns);
        solvers = List.copyOf(solvers);
        seeds = List.copyOf(seeds);
        parameters = Map.copyOf(parameters);
    }

    /**
     * The suite of one instance in several variants (what {@code sweep} and {@code pareto} run), its options
     * ({@code [SOLVER.]KEY=VALUE}) distributed over the solvers and checked.
     */
    public static BenchSuite ofInstance(Path instanceFile, List<String> solvers, List<Long> seeds, double timeLimitSeconds,
                                        int workers, List<String> parameterAssignments, VariantGrid variants) {
        Map<String, Map<String, String>> parameters = SolverParameters.distribute(parameterAssignments, solvers, Map.of(),
                new SolveSettings(timeLimitSeconds, workers, seeds.get(0), Map.of()));
        Path file = instanceFile.toAbsolutePath().normalize();
        return new BenchSuite(List.of(file.toString()), solvers, seeds, timeLimitSeconds, workers, parameters, variants, null,
                file.getParent());
    }

    /** Reads a suite file; its fields mirror the {@code bench} options (see benchmarks/README.md). */
    public static BenchSuite read(Path file) {
        JsonNode root = SolutionFile.readTree(file);
        JsonFields fields = new JsonFields(file.toString(), "", root);
        Path base = file.toAbsolutePath().getParent();
        List<String> instances = strings(fields, "instances");
        List<String> solvers = strings(fields, "solvers");
        List<Long> seeds = fields.has("seeds") ? list(fields, "seeds", "whole numbers", JsonNode::canConvertToLong, JsonNode::asLong)
                : List.of(1L);
        double timeLimit = fields.has("timeLimitSeconds") ? fields.positive("timeLimitSeconds") : DEFAULT_TIME_LIMIT_SECONDS;
        int workers = fields.integer("workers", 0);
        if (workers < 0) {
            throw fields.error("workers", "must be >= 0 (0 = all cores), got " + workers);
        }
        Path out = fields.has("out") ? base.resolve(fields.string("out")).normalize() : null;
        Map<String, Map<String, String>> scoped = new LinkedHashMap<>();
        List<String> assignments = new ArrayList<>();
        if (fields.has("parameters")) {
            JsonNode node = fields.raw("parameters");
            if (node.isArray()) {
                // the --param syntax: "KEY=VALUE" for every solver that takes it, "SOLVER.KEY=VALUE" for one
                for (JsonNode assignment : node) {
                    if (!assignment.isTextual()) {
                        throw fields.error("parameters", "expected strings such as \"presolve=none\" or \"mip.backend=SCIP\", got " + assignment);
                    }
                    assignments.add(assignment.asText());
                }
            } else if (node.isObject()) {
                for (var entry : node.properties()) {
                    if (!entry.getValue().isObject()) {
                        throw fields.error("parameters." + entry.getKey(), "expected an object of key/value settings, got " + entry.getValue());
                    }
                    Map<String, String> settings = new LinkedHashMap<>();
                    entry.getValue().properties().forEach(setting -> settings.put(setting.getKey(), setting.getValue().asText()));
                    scoped.put(entry.getKey(), settings);
                }
            } else {
                throw fields.error("parameters", "expected a list such as [\"presolve=none\", \"mip.backend=SCIP\"] or an object {\"solver\": {\"key\": \"value\"}}, got " + node);
            }
        }
        VariantGrid variants = variants(fields, base);
        fields.rejectUnknownFields();
        BenchSuite unchecked = new BenchSuite(instances, solvers, seeds, timeLimit, workers, Map.of(), variants, out, base);
        List<String> runSolvers;
        try {
            runSolvers = unchecked.resolvedSolvers();
        } catch (InputException e) {
            throw fields.error("solvers", e.getMessage());
        }
        Map<String, Map<String, String>> parameters;
        try {
            parameters = SolverParameters.distribute(assignments, runSolvers, scoped,
                    new SolveSettings(timeLimit, workers, seeds.get(0), Map.of()));
        } catch (InputException e) {
            throw fields.error("parameters", e.getMessage());
        }
        return new BenchSuite(instances, solvers, seeds, timeLimit, workers, parameters, variants, out, base);
    }

    /** The optional variant fields: traces, starts, slacks, switchCosts. */
    private static VariantGrid variants(JsonFields fields, Path base) {
        List<Path> traces = new ArrayList<>();
        if (fields.has("traces")) {
            for (String trace : strings(fields, "traces")) {
                Path file = base.resolve(trace).normalize();
                if (!Files.isRegularFile(file)) {
                    throw fields.error("traces", file + ": no such trace file.");
                }
                traces.add(file);
            }
        }
        List<Instant> starts = new ArrayList<>();
        if (fields.has("starts")) {
            JsonNode node = fields.raw("starts");
            if (node.isObject()) {
                JsonFields every = fields.object("starts");
                Instant first = instant(every, every.fieldPath("first"), every.string("first"));
                double hours = every.nonNegative("everyHours", 0);
                int count = every.integer("count", 1);
                if (count < 1) {
                    throw every.error(every.fieldPath("count"), "must be >= 1, got " + count);
                }
                every.rejectUnknownFields();
                starts.addAll(VariantGrid.starts(first, hours, count));
            } else {
                for (String text : strings(fields, "starts")) {
                    starts.add(instant(fields, "starts", text));
                }
            }
        }
        List<Double> slacks = !fields.has("slacks") ? List.of() : list(fields, "slacks", "numbers >= 0 (0.1 = 10 %)",
                node -> node.isNumber() && node.asDouble() >= 0 && Double.isFinite(node.asDouble()), JsonNode::asDouble);
        List<Boolean> switchCosts = !fields.has("switchCosts") ? List.of()
                : list(fields, "switchCosts", "booleans such as [true, false]", JsonNode::isBoolean, JsonNode::asBoolean);
        return new VariantGrid(traces, starts, slacks, switchCosts);
    }

    /** A non-empty JSON list whose every element passes {@code valid}. */
    private static <T> List<T> list(JsonFields fields, String field, String expected, Predicate<JsonNode> valid,
                                    Function<JsonNode, T> value) {
        JsonNode node = fields.raw(field);
        if (!node.isArray() || node.isEmpty()) {
            throw fields.error(field, "expected a non-empty list of %s, got %s".formatted(expected, node));
        }
        List<T> values = new ArrayList<>();
        for (JsonNode element : node) {
            if (!valid.test(element)) {
                throw fields.error(field, "expected %s, got %s".formatted(expected, element));
            }
            values.add(value.apply(element));
        }
        return values;
    }

    private static Instant instant(JsonFields fields, String field, String text) {
        try {
            return Instant.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            throw fields.error(field, "\"%s\" is not an ISO-8601 instant such as 2023-01-01T00:00:00Z.".formatted(text));
        }
    }

    private static List<String> strings(JsonFields fields, String field) {
        if (!fields.has(field)) {
            throw fields.error(field, "missing; expected a list of strings.");
        }
        JsonNode node = fields.raw(field);
        List<String> values = new ArrayList<>();
        if (node.isTextual()) {
            values.add(node.asText());
        } else if (node.isArray() && !node.isEmpty()) {
            for (JsonNode value : node) {
                if (!value.isTextual()) {
                    throw fields.error(field, "expected strings, got " + value);
                }
                values.add(value.asText());
            }
        } else {
            throw fields.error(field, "expected a non-empty list of strings, got " + node);
        }
        return values;
    }

    /** The solver names with {@code all} expanded, checked against the registry. */
    public List<String> resolvedSolvers() {
        Set<String> names = new LinkedHashSet<>();
        for (String solver : solvers) {
            if (ALL_SOLVERS.equals(solver)) {
                names.addAll(Solvers.names());
            } else if (Solvers.names().contains(solver)) {
                names.add(solver);
            } else {
                throw new InputException("unknown solver '%s'; choose from %s or '%s'.".formatted(solver, Solvers.names(), ALL_SOLVERS));
            }
        }
        return List.copyOf(names);
    }

    /** The instance files, sorted by name; every cell file is named after its instance file. */
    public List<Path> instanceFiles() {
        Map<String, Path> byKey = new TreeMap<>();
        for (String pattern : instancePatterns) {
            for (Path file : expand(pattern)) {
                Path normal = file.toAbsolutePath().normalize();
                Path previous = byKey.putIfAbsent(BenchCell.keyOf(normal), normal);
                if (previous != null && !previous.equals(normal)) {
                    throw new InputException("instances %s and %s have the same file name; result files are named after it. Maybe rename one?"
                            .formatted(previous, normal));
                }
            }
        }
        return List.copyOf(byKey.values());
    }

    /**
     * All cells in a fixed order (instance, variant, then solver as listed, then seed), the order shards are cut
     * from.
     */
    public List<BenchCell> cells() {
        List<String> solverNames = resolvedSolvers();
        List<BenchCell> cells = new ArrayList<>();
        for (Path instance : instanceFiles()) {
            for (Variant variant : variants.variants()) {
                for (String solver : solverNames) {
                    for (long seed : seeds) {
                        cells.add(new BenchCell(instance, BenchCell.keyOf(instance), variant, solver, seed));
                    }
                }
            }
        }
        return cells;
    }

    /**
     * The cells of shard {@code index} of {@code count} (1-based, as Slurm's {@code SLURM_ARRAY_TASK_ID} with
     * {@code --array=1-N}): every count-th cell, so each shard gets a mix of instances and solvers.
     */
    public static List<BenchCell> shard(List<BenchCell> cells, int index, int count) {
        if (count < 1 || index < 1 || index > count) {
            throw new InputException("shard %d/%d: expected I/N with 1 <= I <= N.".formatted(index, count));
        }
        List<BenchCell> part = new ArrayList<>();
        for (int i = index - 1; i < cells.size(); i += count) {
            part.add(cells.get(i));
        }
        return part;
    }

    public Map<String, String> parametersOf(String solver) {
        return parameters.getOrDefault(solver, Map.of());
    }

    private List<Path> expand(String pattern) {
        int glob = firstGlobCharacter(pattern);
        if (glob < 0) {
            Path path = baseDirectory.resolve(pattern);
            if (Files.isDirectory(path)) {
                try (Stream<Path> list = Files.list(path)) {
                    List<Path> files = list.filter(p -> p.getFileName().toString().endsWith(".json") && Files.isRegularFile(p))
                            .sorted().toList();
                    if (files.isEmpty()) {
                        throw new InputException(path + ": the directory has no *.json instance files.");
                    }
                    return files;
                } catch (IOException e) {
                    throw new InputException(path + ": cannot list the directory: " + e.getMessage());
                }
            }
            if (!Files.exists(path)) {
                throw new InputException(path + ": no such instance file or directory.");
            }
            return List.of(path);
        }
        int slash = pattern.lastIndexOf('/', glob);
        Path root = baseDirectory.resolve(slash < 0 ? "." : pattern.substring(0, slash + 1)).normalize();
        String rest = slash < 0 ? pattern : pattern.substring(slash + 1);
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + rest);
        int depth = rest.contains("**") ? Integer.MAX_VALUE : rest.split("/").length;
        if (!Files.isDirectory(root)) {
            throw new InputException("%s: the directory of pattern '%s' does not exist.".formatted(root, pattern));
        }
        try (Stream<Path> walk = Files.walk(root, depth)) {
            List<Path> files = walk.filter(Files::isRegularFile).filter(p -> matcher.matches(root.relativize(p)))
                    .sorted(Comparator.naturalOrder()).toList();
            if (files.isEmpty()) {
                throw new InputException("instance pattern '%s' matches no files under %s.".formatted(pattern, root));
            }
            return files;
        } catch (IOException e) {
            throw new InputException(root + ": cannot list: " + e.getMessage());
        }
    }

    private static int firstGlobCharacter(String pattern) {
        for (int i = 0; i < pattern.length(); i++) {
            if ("*?[{".indexOf(pattern.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
