package org.carbonaware.planner.bench;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
 * @param out the benchmark directory, or null when the command line must give it
 * @param baseDirectory what relative paths are resolved against (the suite file's directory, or the working directory)
 */
public record BenchSuite(List<String> instancePatterns, List<String> solvers, List<Long> seeds, double timeLimitSeconds,
                         int workers, Map<String, Map<String, String>> parameters, Path out, Path baseDirectory) {

    public static final String ALL_SOLVERS = "all";
    public static final double DEFAULT_TIME_LIMIT_SECONDS = SolveSettings.DEFAULT_TIME_LIMIT_SECONDS;

    public BenchSuite {
        instancePatterns = List.copyOf(instancePatterns);
        solvers = List.copyOf(solvers);
        seeds = List.copyOf(seeds);
        parameters = Map.copyOf(parameters);
    }

    /** Reads a suite file; its fields mirror the {@code bench} options (see benchmarks/README.md). */
    public static BenchSuite read(Path file) {
        JsonNode root = SolutionFile.readTree(file);
        JsonFields fields = new JsonFields(file.toString(), "", root);
        Path base = file.toAbsolutePath().getParent();
        List<String> instances = strings(fields, "instances");
        List<String> solvers = strings(fields, "solvers");
        List<Long> seeds = new ArrayList<>();
        if (fields.has("seeds")) {
            JsonNode node = fields.raw("seeds");
            if (!node.isArray() || node.isEmpty()) {
                throw fields.error("seeds", "expected a non-empty list of whole numbers, got " + node);
            }
            for (JsonNode seed : node) {
                if (!seed.canConvertToLong()) {
                    throw fields.error("seeds", "expected whole numbers, got " + seed);
                }
                seeds.add(seed.asLong());
            }
        } else {
            seeds.add(1L);
        }
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
        fields.rejectUnknownFields();
        BenchSuite unchecked = new BenchSuite(instances, solvers, seeds, timeLimit, workers, Map.of(), out, base);
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
        return new BenchSuite(instances, solvers, seeds, timeLimit, workers, parameters, out, base);
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

    /** All cells in a fixed order (instance, then solver as listed, then seed), the order shards are cut from. */
    public List<BenchCell> cells() {
        List<String> solverNames = resolvedSolvers();
        List<BenchCell> cells = new ArrayList<>();
        for (Path instance : instanceFiles()) {
            for (String solver : solverNames) {
                for (long seed : seeds) {
                    cells.add(new BenchCell(instance, BenchCell.keyOf(instance), solver, seed));
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
