package org.carbonaware.planner.bench;

import org.carbonaware.planner.app.PlanRunner;
import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.solve.SolveSettings;

/**
 * How a cell's problem becomes a validated outcome; the extension point of the benchmark pipeline. The runner
 * builds the problem from the cell (instance and variant), calls this, and stores, resumes, shards, merges and
 * reports the outcome the same way whatever produced it. {@link #PLAN} solves the problem once ({@code bench},
 * {@code sweep}, {@code pareto}); a rolling-horizon simulation is another implementation whose outcome is the
 * executed plan validated on the actual trace.
 */
@FunctionalInterface
public interface CellRun {

    /** Solve once with the cell's solver and validate the plan. */
    CellRun PLAN = (cell, problem, settings) -> PlanRunner.run(problem, cell.solver(), settings);

    /**
     * @param problem the cell's instance with its variant applied, on the actual trace
     * @param settings time limit, workers, the cell's seed and its solver's checked options
     */
    PlanRunner.Outcome run(BenchCell cell, Problem problem, SolveSettings settings);
}
