package org.carbonaware.planner.solve;

import java.util.Map;

/**
 * Settings every solver honours as far as it can.
 *
 * @param timeLimitSeconds wall-clock limit of the solve
 * @param workers threads the solver may use (0 = all cores)
 * @param seed random seed
 * @param parameters solver-specific settings by name (for example {@code backend=HIGHS}, {@code threshold=250})
 */
public record SolveSettings(double timeLimitSeconds, int workers, long seed, Map<String, String> parameters) {

    public static final double DEFAULT_TIME_LIMIT_SECONDS = 60;

    public SolveSettings {
        if (!(timeLimitSeconds > 0)) {
            throw new IllegalArgumentException("time limit must be > 0 seconds, got " + timeLimitSeconds);
        }
        if (workers < 0) {
            throw new IllegalArgumentException("workers must be >= 0 (0 = all cores), got " + workers);
        }
        parameters = Map.copyOf(parameters);
    }

    public static SolveSettings defaults() {
        return new SolveSettings(DEFAULT_TIME_LIMIT_SECONDS, 0, 1, Map.of());
    }

    public int effectiveWorkers() {
        return workers > 0 ? workers : Runtime.getRuntime().availableProcessors();
    }

    public String parameter(String name, String defaultValue) {
        return parameters.getOrDefault(name, defaultValue);
    }

    public SolveSettings withParameter(String name, String value) {
        var copy = new java.util.HashMap<>(parameters);
        copy.put(name, value);
        return new SolveSettings(timeLimitSeconds, workers, seed, copy);
    }

    public SolveSettings withTimeLimit(double seconds) {
        return new SolveSettings(seconds, workers, seed, parameters);
    }
}
