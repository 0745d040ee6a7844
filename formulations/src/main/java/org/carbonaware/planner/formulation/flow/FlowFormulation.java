package org.carbonaware.planner.formulation.flow;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.carbonaware.planner.domain.Plan;
import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.formulation.graph.PlanImprover;
import org.carbonaware.planner.formulation.graph.PreparedGraph;
import org.carbonaware.planner.solve.IncumbentTrace;
import org.carbonaware.planner.solve.SolveResult;
import org.carbonaware.planner.solve.SolveSettings;
import org.carbonaware.planner.solve.SolveStatus;
import org.carbonaware.planner.solve.SolverOption;

/**
 * The one solve path of the flow-model formulations: presolve, the model-size guard, {@link FlowModel} through
 * the given backend, the solve, extraction and the combination with the presolve ({@link ExactOutcome}). Every
 * result records status, objective, the raw best bound, time, time to the first plan, workers, seed and the
 * incumbent trace.
 */
public final class FlowFormulation {

    /** The options of a solver on this path: the presolve's and the model-size guard's. */
    public static final List<SolverOption<?>> MODEL_OPTIONS = List.of(PreparedGraph.PRESOLVE, PreparedGraph.LABEL_BUDGET,
            PreparedGraph.LABEL_SECONDS, ModelSize.ARCS_PER_SECOND);

    private FlowFormulation() {
    }

    /**
     * @param backends makes the backend for the prepared graph (called only when the model is built)
     */
    public static <V> SolveResult solve(String solver, String version, Problem problem, SolveSettings settings,
                                        Function<PreparedGraph, FlowBackend<V>> backends) {
        long started = System.nanoTime();
        IncumbentTrace trace = new IncumbentTrace(started);
        PreparedGraph prepared = PreparedGraph.prepare(problem, settings);
        if (prepared.incumbent() != null) {
            trace.improvedAt(prepared.seconds(), PlanImprover.grams(prepared.graph(), prepared.incumbent()) / 1000.0);
        }
        if (prepared.incumbent() != null && !ModelSize.fits(prepared.arcsAfter(), remainingSeconds(settings, started), settings)) {
            return ModelSize.presolveOnly(solver, version, problem, prepared, settings, started, trace);
        }

        FlowBackend<V> backend = backends.apply(prepared);
        FlowModel<V> model = FlowModel.build(prepared, backend);
        double modelSeconds = ExactOutcome.modelSeconds(prepared, settings.timeLimitSeconds(), remainingSeconds(settings, started));
        SolveStatus status = backend.solve(modelSeconds, settings, trace);
        Plan plan = status.hasPlan() ? model.extract() : null;
        double modelBound = status == SolveStatus.INFEASIBLE ? Double.POSITIVE_INFINITY : backend.bestBoundGrams();

        ExactOutcome outcome = ExactOutcome.combine(prepared, status, plan, modelBound, backend.proverName());
        double seconds = (System.nanoTime() - started) / 1e9;
        Map<String, Object> statistics = new LinkedHashMap<>(prepared.statistics());
        outcome.addTo(statistics);
        backend.addStatistics(statistics);
        trace.addTo(statistics);
        String message = outcome.status() == SolveStatus.INFEASIBLE
                ? backend.proverName() + " proved that no plan reaches the workload by the deadline" : null;
        double firstPlanSeconds = outcome.plan() == null ? Double.NaN : trace.firstSeconds();
        return new SolveResult(solver, version, outcome.status(), outcome.plan(), outcome.planGrams() / 1000.0,
                outcome.boundGrams() / 1000.0, seconds, firstPlanSeconds, settings.effectiveWorkers(), settings.seed(),
                message, statistics);
    }

    private static double remainingSeconds(SolveSettings settings, long started) {
        return settings.timeLimitSeconds() - (System.nanoTime() - started) / 1e9;
    }
}
