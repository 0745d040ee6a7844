package org.carbonaware.planner.app;

import java.util.Map;

import org.carbonaware.planner.common.InputException;
import org.carbonaware.planner.domain.Plan;
import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.formulation.Solvers;
import org.carbonaware.planner.solve.HeapBudget;
import org.carbonaware.planner.solve.Infeasibility;
import org.carbonaware.planner.solve.PlanSolver;
import org.carbonaware.planner.solve.SolveResult;
import org.carbonaware.planner.solve.SolveSettings;
import org.carbonaware.planner.solve.SolveStatus;
import org.carbonaware.planner.solve.SolverOptions;
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

    /**
     * Checks the options against the solver's declarations (bad input: exit 2), solves and validates. Anything a
     * solver throws is a bug (exit 70): input problems are caught before it runs.
     */
    public static Outcome run(Problem problem, String solverName, SolveSettings settings) {
        return run(problem, Solvers.create(solverName), settings);
    }

    /**
     * Refuses a solve whose tables the solver estimates beyond the usable heap ({@link HeapBudget}), before anything
     * large is allocated: bad input for this heap (exit 2), like a state list over {@code StateSpace.MAX_STATES}.
     */
    public static void requireHeap(Problem problem, PlanSolver solver, SolveSettings settings) {
        long bytes = solver.heapBytes(problem, settings);
        if (HeapBudget.fits(bytes)) {
            return;
        }
        String hint = problem.siteCount() > 1
                ? "Maybe use --solver decompose (per-site decomposition), lower maxActiveSites, give the sites fewer options, or raise the heap with JAVA_TOOL_OPTIONS=%s?"
                : "Maybe give the instance fewer options or epochs, or raise the heap with JAVA_TOOL_OPTIONS=%s?";
        throw new InputException(("%s: the %s solver's tables for %,d states x %,d epochs need an estimated %s of heap (%,d bytes), more than %.0f %% of the maximum heap %s; refused before building them. "
                + hint).formatted(problem.instance().sourceFile() == null ? problem.name() : problem.instance().sourceFile(),
                solver.name(), problem.stateCount(), problem.epochCount(), HeapBudget.format(bytes), bytes,
                100 * HeapBudget.USABLE_SHARE, HeapBudget.format(HeapBudget.maxHeapBytes()), HeapBudget.xmxFor(bytes)));
    }

    /** The same with a solver instance (a registered one, or a composite built from them). */
    public static Outcome run(Problem problem, PlanSolver solver, SolveSettings settings) {
        Map<String, Object> options = SolverOptions.check(solver, settings, Solvers.all());
        String unsupported = solver.unsupported(problem);
        if (unsupported != null) {
            throw new InputException("%s: the %s solver %s; instance \"%s\" has %s. Maybe use --solver cpsat, fixed-fastest or reactive?"
                    .formatted(problem.instance().sourceFile() == null ? problem.name() : problem.instance().sourceFile(),
                            solver.name(), unsupported, problem.name(), problem.siteCount() > 1
                                    ? problem.siteCount() + " sites" : "availability windows or round-boundary switching"));
        }
        String reason = Infeasibility.reason(problem);
        if (reason != null) {
            SolveResult infeasible = new SolveResult(solver.name(), solver.version(), SolveStatus.INFEASIBLE,
                    null, Double.NaN, Double.POSITIVE_INFINITY, 0, Double.NaN, settings.effectiveWorkers(), settings.seed(),
                    reason, null, options);
            return new Outcome(infeasible, null);
        }
        requireHeap(problem, solver, settings);
        SolveResult result;
        try {
            result = solver.solve(problem, settings);
        } catch (InputException e) {
            // Input was checked above; an input error raised while solving is the solver's bug, not the user's.
            throw new IllegalStateException("solver %s: %s".formatted(solver.name(), e.getMessage()), e);
        }
        result = result.withOptions(options);
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
