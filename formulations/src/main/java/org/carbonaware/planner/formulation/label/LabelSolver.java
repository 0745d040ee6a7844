package org.carbonaware.planner.formulation.label;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.formulation.graph.PlanImprover;
import org.carbonaware.planner.formulation.graph.PreparedGraph;
import org.carbonaware.planner.solve.Deadline;
import org.carbonaware.planner.solve.PlanSolver;
import org.carbonaware.planner.solve.SolveResult;
import org.carbonaware.planner.solve.SolveSettings;
import org.carbonaware.planner.solve.SolveStatus;
import org.carbonaware.planner.solve.SolverOption;

/**
 * The exact labelling algorithm on its own, without an OR-Tools model: Lagrangian bound and reduction, then
 * label setting. OPTIMAL when the label budget suffices, FEASIBLE with the Lagrangian bound otherwise.
 */
public final class LabelSolver implements PlanSolver {

    public static final String NAME = "label";
    /** Share of the time left after the Lagrangian step that the label setting takes: nearly all, no model follows. */
    static final double LABEL_SHARE = 0.95;

    private final List<PlanSolver> seedSolvers;

    /** Without seed solvers. */
    public LabelSolver() {
        this(List.of());
    }

    /** @param seedSolvers cheap solvers whose best plan the solve starts from (the registry hands in the baselines) */
    public LabelSolver(List<PlanSolver> seedSolvers) {
        this.seedSolvers = List.copyOf(seedSolvers);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String summary() {
        return "pure-Java Lagrangian bound and label setting, no OR-Tools model; proves optimality within its label budget";
    }

    @Override
    public List<SolverOption<?>> options() {
        return PreparedGraph.LABEL_OPTIONS;
    }

    @Override
    public long heapBytes(Problem problem, SolveSettings settings) {
        return PreparedGraph.heapBytes(problem, settings, "lagrangian");
    }

    @Override
    public SolveResult solve(Problem problem, SolveSettings settings) {
        Deadline deadline = Deadline.start(settings);
        PreparedGraph prepared = PreparedGraph.prepare(problem, settings, "lagrangian", deadline, seedSolvers, LABEL_SHARE);
        Map<String, Object> statistics = new LinkedHashMap<>(prepared.statistics());
        double seconds = deadline.elapsedSeconds();
        if (prepared.incumbent() == null) {
            if (prepared.provenInfeasible(deadline)) {
                // The bisection found no plan even at a multiplier that maximises tokens: no plan reaches the workload.
                return new SolveResult(NAME, PLANNER_VERSION, SolveStatus.INFEASIBLE, null, Double.NaN, Double.POSITIVE_INFINITY,
                        seconds, Double.NaN, 1, settings.seed(), "no path through the epochs reaches the workload", statistics);
            }
            return new SolveResult(NAME, PLANNER_VERSION, SolveStatus.UNKNOWN, null, Double.NaN, prepared.lowerBoundGrams() / 1000.0,
                    seconds, Double.NaN, 1, settings.seed(), "the Lagrangian step found no plan within the time limit", statistics);
        }
        double grams = PlanImprover.grams(prepared.graph(), prepared.incumbent());
        SolveStatus status = prepared.provenOptimal() ? SolveStatus.OPTIMAL : SolveStatus.FEASIBLE;
        return new SolveResult(NAME, PLANNER_VERSION, status, prepared.incumbent(), grams / 1000.0,
                prepared.lowerBoundGrams() / 1000.0, seconds, prepared.lagrangian().seconds(), 1, settings.seed(), null, statistics);
    }
}
