package org.carbonaware.planner.solve;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.carbonaware.planner.domain.Plan;

/**
 * What a solver returns; the caller re-scores {@link #plan()} with the validator before trusting it.
 *
 * @param plan the best plan found, or null
 * @param bestBoundKg the solver's proven lower bound on total kgCO2 (NaN when it has none)
 * @param solveSeconds wall-clock time of the solve
 * @param firstFeasibleSeconds time to the first feasible plan (NaN when unknown or none)
 * @param message one line for the user, e.g. why the instance is infeasible
 * @param statistics solver-specific figures (model size, iterations, presolve effects) for reports, in the order
 *                   the solver put them
 * @param options the effective value of every option the solver declares (see {@link SolverOptions#effective}),
 *                empty until the runner records them
 */
public record SolveResult(
        String solver,
        String solverVersion,
        SolveStatus status,
        Plan plan,
        double objectiveKg,
        double bestBoundKg,
        double solveSeconds,
        double firstFeasibleSeconds,
        int workers,
        long seed,
        String message,
        Map<String, Object> statistics,
        Map<String, Object> options) {

    public SolveResult {
        // LinkedHashMap copies (not Map.copyOf): the iteration order, and so every output file, is the same on every run.
        statistics = statistics == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(statistics));
        options = options == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /** A result whose options the runner records afterwards. */
    public SolveResult(String solver, String solverVersion, SolveStatus status, Plan plan, double objectiveKg, double bestBoundKg,
                       double solveSeconds, double firstFeasibleSeconds, int workers, long seed, String message,
                       Map<String, Object> statistics) {
        this(solver, solverVersion, status, plan, objectiveKg, bestBoundKg, solveSeconds, firstFeasibleSeconds, workers, seed,
                message, statistics, null);
    }

    /** The same result with the effective options recorded. */
    public SolveResult withOptions(Map<String, Object> effectiveOptions) {
        return new SolveResult(solver, solverVersion, status, plan, objectiveKg, bestBoundKg, solveSeconds, firstFeasibleSeconds,
                workers, seed, message, statistics, effectiveOptions);
    }

    /** The same result with {@code name} added after the solver's statistics (a figure of the input, not of the solve). */
    public SolveResult withStatistic(String name, Object value) {
        Map<String, Object> merged = new LinkedHashMap<>(statistics);
        merged.put(name, value);
        return new SolveResult(solver, solverVersion, status, plan, objectiveKg, bestBoundKg, solveSeconds, firstFeasibleSeconds,
                workers, seed, message, merged, options);
    }
}
