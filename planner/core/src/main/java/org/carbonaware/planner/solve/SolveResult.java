package org.carbonaware.planner.solve;

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
 * @param statistics solver-specific figures (model size, iterations, presolve effects) for reports
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
        Map<String, Object> statistics) {

    public SolveResult {
        statistics = statistics == null ? Map.of() : Map.copyOf(statistics);
    }
}
