package org.carbonaware.planner.formulation.label;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.formulation.graph.PlanImprover;
import org.carbonaware.planner.formulation.graph.PreparedGraph;
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
    public SolveResult solve(Problem problem, SolveSettings settings) {
        long started = System.nanoTime();
        PreparedGraph prepared = PreparedGraph.prepare(problem, settings, "lagrangian");
        Map<String, Object> statistics = new LinkedHashMap<>(prepared.statistics());
        double seconds = (System.nanoTime() - started) / 1e9;
        if (prepared.incumbent() == null) {
            // The bisection found no plan even at a multiplier that maximises tokens: no plan reaches the workload.
            return new SolveResult(NAME, PLANNER_VERSION, SolveStatus.INFEASIBLE, null, Double.NaN, Double.POSITIVE_INFINITY,
                    seconds, Double.NaN, 1, settings.seed(), "no path through the epochs reaches the workload", statistics);
        }
        double grams = PlanImprover.grams(prepared.graph(), prepared.incumbent());
        SolveStatus status = prepared.provenOptimal() ? SolveStatus.OPTIMAL : SolveStatus.FEASIBLE;
        return new SolveResult(NAME, PLANNER_VERSION, status, prepared.incumbent(), grams / 1000.0,
                prepared.lowerBoundGrams() / 1000.0, seconds, prepared.lagrangian().seconds(), 1, settings.seed(), null, statistics);
    }
}
