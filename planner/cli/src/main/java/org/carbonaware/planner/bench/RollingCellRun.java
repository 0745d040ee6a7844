package org.carbonaware.planner.bench;

import org.carbonaware.planner.app.PlanRunner;
import org.carbonaware.planner.app.RollingRunner;
import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.formulation.Solvers;
import org.carbonaware.planner.forecast.Forecaster;
import org.carbonaware.planner.solve.SolveSettings;
import org.carbonaware.planner.solve.SolverOptions;

/**
 * A benchmark cell run as a rolling horizon: the cell's solver re-plans every {@code replanEveryHours} on the
 * instance's forecast (of the variant: another start or slack keeps it, another trace has none), and the outcome is
 * the executed plan validated on the actual trace.
 */
public record RollingCellRun(double replanEveryHours) implements CellRun {

    @Override
    public PlanRunner.Outcome run(BenchCell cell, Problem problem, SolveSettings settings) {
        var solver = Solvers.create(cell.solver());
        SolverOptions.check(solver, settings, Solvers.all());
        int replanEpochs = RollingRunner.replanEpochs(replanEveryHours, problem.instance(), cell.instanceFile().toString());
        Forecaster forecaster = RollingRunner.forecaster(problem, RollingRunner.traces(problem.instance()), null, replanEpochs);
        return RollingRunner.run(forecaster, solver, settings, replanEpochs, replanEveryHours);
    }
}
