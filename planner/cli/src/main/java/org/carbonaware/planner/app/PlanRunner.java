package org.carbonaware.planner.app;

import org.carbonaware.planner.domain.Plan;
import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.formulation.Solvers;
import org.carbonaware.planner.solve.Infeasibility;
import org.carbonaware.planner.solve.PlanSolver;
import org.carbonaware.planner.solve.SolveResult;
import org.carbonaware.planner.solve.SolveSettings;
import org.carbonaware.planner.solve.SolveStatus;
import org.carbonaware.planner.validate.Evaluation;
import org.carbonaware.planner.validate.PlanValidator;
import org.carbonaware.planner.validate.ValidationReport;

/**
 * Runs one solver on one problem and re-scores its plan with the validator: the one path that plan, bench,
 * sweep and pareto share, so no solver's own numbers reach a report.
 */
public final class PlanRunner {

    private PlanRunner() {
    }

    /**
     * The outcome of a validated run.
     *
     * @param evaluation the validator's recomputation of the plan, or null when there is no plan
     */
    public record Outcome(SolveResult result, Evaluation evaluation) {

        public boolean hasPlan() {
            return evaluation != null;
        }
    }

    public static Outcome run(Problem problem, String solverName, SolveSettings settings) {
        PlanSolver solver = Solvers.create(solverName);
        String reason = Infeasibility.reason(problem);
        if (reason != null) {
            SolveResult infeasible = new SolveResult(solver.name(), Solvers.version(solver.name()), SolveStatus.INFEASIBLE,
                    null, Double.NaN, Double.POSITIVE_INFINITY, 0, Double.NaN, settings.effectiveWorkers(), settings.seed(),
                    reason, null);
            return new Outcome(infeasible, null);
        }
        SolveResult result;
        try {
            result = solver.solve(problem, settings);
        } catch (IllegalArgumentException e) {
            // Solvers reject unusable settings (an unknown backend or parameter value) this way.
            throw new PlannerException(ExitCodes.BAD_INPUT, "solver %s: %s. Maybe check --backend and --param?"
                    .formatted(solver.name(), e.getMessage()));
        }
        if (!result.status().hasPlan() || result.plan() == null) {
            return new Outcome(result, null);
        }
        Plan plan = result.plan();
        ValidationReport report = PlanValidator.validate(problem, plan);
        if (!report.feasible()) {
            throw new PlannerException(ExitCodes.INTERNAL_ERROR, "solver %s returned a plan the validator rejects: %s. Maybe report this as a bug."
                    .formatted(solver.name(), String.join("; ", report.violations())));
        }
        return new Outcome(result, report.evaluation());
    }
}
