package org.carbonaware.planner.formulation.flow;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.carbonaware.planner.domain.Plan;
import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.formulation.graph.PlanImprover;
import org.carbonaware.planner.formulation.graph.PreparedGraph;
import org.carbonaware.planner.formulation.graph.SeedPlans;
import org.carbonaware.planner.solve.Deadline;
import org.carbonaware.planner.solve.HeapBudget;
import org.carbonaware.planner.solve.IncumbentTrace;
import org.carbonaware.planner.solve.PlanSolver;
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
    public static final List<SolverOption<?>> MODEL_OPTIONS = List.of(PreparedGraph.PRESOLVE, SeedPlans.SEEDS,
            PreparedGraph.LABEL_BUDGET, PreparedGraph.LABEL_SECONDS, ModelSize.ARCS_PER_SECOND);

    private FlowFormulation() {
    }

    /** Time kept back from the model's solve for reading its solution back and combining it: a base and a cost per arc. */
    static final double EXTRACTION_BASE_SECONDS = 0.1;
    static final double EXTRACTION_SECONDS_PER_ARC = 3e-6;

    /** The same with the whole limit from now and no seed solvers. */
    public static <V> SolveResult solve(String solver, String version, Problem problem, SolveSettings settings,
                                        Function<PreparedGraph, FlowBackend<V>> backends) {
        return solve(solver, version, problem, settings, Deadline.start(settings), List.of(), 0, backends);
    }

    /**
     * Heap estimate of a solve on this path before it starts: the presolve's ({@link PreparedGraph#heapBytes}) and,
     * with {@code presolve=none}, the model on every arc the time guard lets it build. With a presolve the model's
     * arcs are known only after it; {@link #solve} checks them then, before building.
     *
     * @param bytesPerArc the backend's Java heap per model arc
     */
    public static long heapBytes(Problem problem, SolveSettings settings, long bytesPerArc) {
        String presolve = PreparedGraph.PRESOLVE.get(settings);
        long bytes = PreparedGraph.heapBytes(problem, settings, presolve);
        if (presolve.equals("none")) {
            long nodes = problem.stateCount() + 1L;
            long arcs = Math.min(HeapBudget.times(HeapBudget.times(nodes, nodes), problem.epochCount()),
                    ModelSize.maxArcs(settings.timeLimitSeconds(), settings));
            bytes = HeapBudget.plus(bytes, HeapBudget.times(arcs, bytesPerArc));
        }
        return bytes;
    }

    /**
     * @param deadline the solve's budget, started when the solver was called
     * @param seedSolvers cheap solvers whose best plan joins the presolve's incumbent (see {@link SeedPlans})
     * @param bytesPerArc the backend's Java heap per model arc, for the memory guard (0: not checked)
     * @param backends makes the backend for the prepared graph (called only when the model is built)
     */
    public static <V> SolveResult solve(String solver, String version, Problem problem, SolveSettings settings, Deadline deadline,
                                        List<PlanSolver> seedSolvers, long bytesPerArc, Function<PreparedGraph, FlowBackend<V>> backends) {
        long started = deadline.startedNanos();
        IncumbentTrace trace = new IncumbentTrace(started);
        PreparedGraph prepared = PreparedGraph.prepare(problem, settings, PreparedGraph.PRESOLVE.get(settings), deadline, seedSolvers);
        if (prepared.incumbent() != null) {
            trace.improvedAt(prepared.seconds(), PlanImprover.grams(prepared.graph(), prepared.incumbent()) / 1000.0);
        }
        if (prepared.incumbent() != null && !ModelSize.fits(prepared.arcsAfter(), remainingSeconds(settings, started), settings)) {
            return ModelSize.presolveOnly(solver, version, problem, prepared, settings, started, trace);
        }
        if (prepared.incumbent() == null && !ModelSize.fits(prepared.arcsAfter(), remainingSeconds(settings, started), settings)) {
            return ModelSize.tooLargeWithoutPlan(solver, version, prepared, settings, started, trace);
        }
        long heapBytes = HeapBudget.plus(PreparedGraph.heapBytes(problem, settings, PreparedGraph.PRESOLVE.get(settings)),
                HeapBudget.times(prepared.arcsAfter(), bytesPerArc));
        if (!HeapBudget.fits(heapBytes)) {
            return ModelSize.beyondHeap(solver, version, prepared, heapBytes, settings, started, trace);
        }

        FlowBackend<V> backend = backends.apply(prepared);
        FlowModel<V> model = FlowModel.build(prepared, backend);
        double extractionSeconds = EXTRACTION_BASE_SECONDS + EXTRACTION_SECONDS_PER_ARC * prepared.arcsAfter();
        double modelSeconds = ExactOutcome.modelSeconds(prepared, settings.timeLimitSeconds(),
                remainingSeconds(settings, started) - extractionSeconds);
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
