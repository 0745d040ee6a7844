package org.carbonaware.planner.cli;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.carbonaware.planner.app.SolverParameters;
import org.carbonaware.planner.formulation.Solvers;
import org.carbonaware.planner.solve.SolveSettings;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The solve options every solving command shares: {@code --solver --time-limit --workers --seed --param}. Commands
 * that run one solver take one name and one seed; benchmark commands take lists. Defaults live here and in
 * {@link SolveSettings}, nowhere else.
 */
public final class SolveOptions {

    /** Every registered solver, for benchmark commands. */
    public static final String ALL = "all";

    @Option(names = {"--solver", "--solvers"}, split = ",", paramLabel = "NAME",
            description = "Solver, or a comma-separated list where a command runs several ('all': every one): "
                    + "${COMPLETION-CANDIDATES}. 'planner solvers' lists them with their options.",
            completionCandidates = Solvers.Names.class)
    List<String> solverNames;

    @Option(names = "--time-limit", paramLabel = "SECONDS",
            description = "Wall-clock limit of each solve in seconds (default: " + SolveSettings.DEFAULT_TIME_LIMIT_TEXT + ").")
    Double timeLimitSeconds;

    @Option(names = "--workers", paramLabel = "N", description = "Solver threads; 0 = all cores (default: 0).")
    Integer workers;

    @Option(names = {"--seed", "--seeds"}, split = ",", paramLabel = "N", description = "Random seed, or a comma-separated list where a command runs several (default: 1).")
    List<Long> seeds;

    @Option(names = "--param", paramLabel = "[SOLVER.]KEY=VALUE",
            description = "A solver option, checked against the solver's declared options ('planner solvers'); "
                    + "SOLVER. gives it to that solver only, else every solver of the run that takes it gets it. Repeatable.")
    List<String> parameters = new ArrayList<>();

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    /** The one solver of a single-solver command. */
    public String solver(String defaultName) {
        if (solverNames == null || solverNames.isEmpty()) {
            return defaultName;
        }
        if (solverNames.size() != 1) {
            throw usage("--solver takes one solver here, got " + String.join(",", solverNames) + ". Maybe run the command once per solver, or use 'planner bench'?");
        }
        return checkedName(solverNames.get(0).trim());
    }

    /** The solvers of a multi-solver command, {@code all} expanded; null when none is given and there is no default. */
    public List<String> solvers(List<String> defaultNames) {
        List<String> given = solverNames == null || solverNames.isEmpty() ? defaultNames : solverNames;
        if (given == null) {
            return null;
        }
        Set<String> names = new LinkedHashSet<>();
        for (String name : given) {
            String trimmed = name.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (trimmed.equals(ALL)) {
                names.addAll(Solvers.names());
            } else {
                names.add(checkedName(trimmed));
            }
        }
        if (names.isEmpty()) {
            throw usage("--solver: no solver given. Maybe --solver cpsat?");
        }
        return List.copyOf(names);
    }

    /** True when the command line names solvers. */
    public boolean solversGiven() {
        return solverNames != null && !solverNames.isEmpty();
    }

    public double timeLimitSeconds() {
        return timeLimitSeconds(SolveSettings.DEFAULT_TIME_LIMIT_SECONDS);
    }

    /** The given limit, else {@code defaultSeconds} (for example a suite file's). */
    public double timeLimitSeconds(double defaultSeconds) {
        double seconds = timeLimitSeconds != null ? timeLimitSeconds : defaultSeconds;
        if (!(seconds > 0) || Double.isInfinite(seconds)) {
            throw usage("--time-limit must be a finite number > 0 seconds, got " + JsonNumber.format(seconds) + ". Maybe --time-limit 60?");
        }
        return seconds;
    }

    public boolean timeLimitGiven() {
        return timeLimitSeconds != null;
    }

    public int workers() {
        return workers(0);
    }

    public int workers(int defaultWorkers) {
        int value = workers != null ? workers : defaultWorkers;
        if (value < 0) {
            throw usage("--workers must be >= 0 (0 = all cores), got " + value + ".");
        }
        return value;
    }

    public boolean workersGiven() {
        return workers != null;
    }

    /** The one seed of a single-solve command. */
    public long seed() {
        if (seeds == null || seeds.isEmpty()) {
            return 1;
        }
        if (seeds.size() != 1) {
            throw usage("--seed takes one seed here, got " + seeds + ". Maybe use 'planner bench --seeds'?");
        }
        return seeds.get(0);
    }

    /** The seeds of a benchmark command, or {@code defaultSeeds}. */
    public List<Long> seeds(List<Long> defaultSeeds) {
        return seeds == null || seeds.isEmpty() ? defaultSeeds : List.copyOf(seeds);
    }

    /** The raw {@code --param} assignments, in order. */
    public List<String> parameterAssignments() {
        return List.copyOf(parameters);
    }

    /** Adds an assignment made by a command's own shortcut option (for example {@code --backend}). */
    public void addParameter(String key, String value) {
        parameters.add(key + "=" + value);
    }

    /** The settings of one solve: limit, workers, seed and the solver's checked options. */
    public SolveSettings settings(String solverName) {
        SolveSettings base = new SolveSettings(timeLimitSeconds(), workers(), seed(), Map.of());
        return base.withParameters(SolverParameters.forSolver(parameters, solverName, base));
    }

    private String checkedName(String name) {
        if (!Solvers.names().contains(name)) {
            throw usage(Solvers.unknown(name).getMessage());
        }
        return name;
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(mixee.commandLine(), message);
    }
}
