package org.carbonaware.planner.solve;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.carbonaware.planner.domain.Plan;

/**
 * Settings every solver honours as far as it can.
 *
 * @param timeLimitSeconds wall-clock limit of the solve
 * @param workers threads the solver may use (0 = all cores)
 * @param seed random seed
 * @param parameters solver options as given by the user, by name (for example {@code backend=HIGHS}); checked
 *                   against the solver's declared {@link SolverOption}s by {@link SolverOptions#check} and read
 *                   through {@link SolverOption#get}
 * @param incumbent a plan known to reach the workload, for solvers that can start from one (a rolling horizon's
 *                  previous plan tail); null when there is none
 */
public record SolveSettings(double timeLimitSeconds, int workers, long seed, Map<String, String> parameters, Plan incumbent) {

    /** The default wall-clock limit of a solve, in seconds: the one place every command takes it from. */
    public static final int DEFAULT_TIME_LIMIT_SECONDS = 60;
    /** The same, for help texts (annotation values must be constant strings). */
    public static final String DEFAULT_TIME_LIMIT_TEXT = "" + DEFAULT_TIME_LIMIT_SECONDS;

    public SolveSettings {
        if (!(timeLimitSeconds > 0) || Double.isInfinite(timeLimitSeconds)) {
            throw new IllegalArgumentException("time limit must be a finite number > 0 seconds, got " + timeLimitSeconds);
        }
        if (workers < 0) {
            throw new IllegalArgumentException("workers must be >= 0 (0 = all cores), got " + workers);
        }
        // Insertion order kept, so listings and solution files come out the same on every run.
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    public SolveSettings(double timeLimitSeconds, int workers, long seed, Map<String, String> parameters) {
        this(timeLimitSeconds, workers, seed, parameters, null);
    }

    public static SolveSettings defaults() {
        return new SolveSettings(DEFAULT_TIME_LIMIT_SECONDS, 0, 1, Map.of());
    }

    public int effectiveWorkers() {
        return workers > 0 ? workers : Runtime.getRuntime().availableProcessors();
    }

    public SolveSettings withParameter(String name, String value) {
        var copy = new LinkedHashMap<>(parameters);
        copy.put(name, value);
        return new SolveSettings(timeLimitSeconds, workers, seed, copy, incumbent);
    }

    public SolveSettings withParameters(Map<String, String> newParameters) {
        return new SolveSettings(timeLimitSeconds, workers, seed, newParameters, incumbent);
    }

    public SolveSettings withTimeLimit(double seconds) {
        return new SolveSettings(seconds, workers, seed, parameters, incumbent);
    }

    /** The same settings with a warm-start plan (null: none). */
    public SolveSettings withIncumbent(Plan plan) {
        return new SolveSettings(timeLimitSeconds, workers, seed, parameters, plan);
    }
}
