package org.carbonaware.planner.formulation.flow;

import java.util.LinkedHashMap;
import java.util.Map;

import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.formulation.graph.PlanImprover;
import org.carbonaware.planner.formulation.graph.PreparedGraph;
import org.carbonaware.planner.solve.HeapBudget;
import org.carbonaware.planner.solve.IncumbentTrace;
import org.carbonaware.planner.solve.SolveResult;
import org.carbonaware.planner.solve.SolveSettings;
import org.carbonaware.planner.solve.SolveStatus;
import org.carbonaware.planner.solve.SolverOption;

/**
 * Guards the time limit: building a solver model costs about a microsecond per arc literal (measured: roughly
 * 100,000 arcs per second for CP-SAT including hints), so a reduced graph too large to build in half the
 * remaining time is not built. The presolve's plan and bound are returned instead, marked as such.
 */
final class ModelSize {

    /** Arcs per second a model is assumed to be built at; override with {@code --param modelArcsPerSecond=N}. */
    static final double DEFAULT_ARCS_PER_SECOND = 100_000;
    static final SolverOption<Double> ARCS_PER_SECOND = SolverOption.decimal("modelArcsPerSecond",
            "assumed model-building speed; a reduced model that would take over half the time left is not built").above(0)
            .byDefault(DEFAULT_ARCS_PER_SECOND);

    private ModelSize() {
    }

    static boolean fits(long arcs, double remainingSeconds, SolveSettings settings) {
        return arcs <= maxArcs(remainingSeconds, settings);
    }

    /** The most arcs a model may have to be built in {@code seconds}. */
    static long maxArcs(double seconds, SolveSettings settings) {
        return (long) Math.min(Long.MAX_VALUE, 0.5 * seconds * ARCS_PER_SECOND.get(settings));
    }

    static SolveResult presolveOnly(String solver, String version, Problem problem, PreparedGraph prepared,
                                           SolveSettings settings, long startedNanos, IncumbentTrace trace) {
        return presolveOnly(solver, version, prepared, settings, startedNanos, trace,
                "the reduced model (%d arcs) is too large to build in the time left; the plan and bound come from the Lagrangian and label-setting presolve"
                        .formatted(prepared.arcsAfter()));
    }

    /**
     * The reduced model would not fit in the heap ({@link HeapBudget}): the presolve's plan and bound, as when it cannot
     * be built in time; without a plan, no model is started either.
     */
    static SolveResult beyondHeap(String solver, String version, PreparedGraph prepared, long heapBytes,
                                  SolveSettings settings, long startedNanos, IncumbentTrace trace) {
        String size = "the reduced model (%d arcs) with the state graph needs an estimated %s of heap, more than %.0f %% of the maximum heap %s"
                .formatted(prepared.arcsAfter(), HeapBudget.format(heapBytes), 100 * HeapBudget.USABLE_SHARE,
                        HeapBudget.format(HeapBudget.maxHeapBytes()));
        if (prepared.incumbent() != null) {
            return presolveOnly(solver, version, prepared, settings, startedNanos, trace,
                    size + "; the plan and bound come from the Lagrangian and label-setting presolve");
        }
        Map<String, Object> statistics = new LinkedHashMap<>(prepared.statistics());
        statistics.put("modelSkipped", true);
        trace.addTo(statistics);
        return new SolveResult(solver, version, SolveStatus.UNKNOWN, null, Double.NaN, Double.NaN,
                (System.nanoTime() - startedNanos) / 1e9, Double.NaN, settings.effectiveWorkers(), settings.seed(),
                size + " and no presolve plan exists. Maybe use --solver label, or raise the heap with JAVA_TOOL_OPTIONS="
                        + HeapBudget.xmxFor(heapBytes) + "?", statistics);
    }

    private static SolveResult presolveOnly(String solver, String version, PreparedGraph prepared, SolveSettings settings,
                                            long startedNanos, IncumbentTrace trace, String message) {
        Map<String, Object> statistics = new LinkedHashMap<>(prepared.statistics());
        statistics.put("modelSkipped", true);
        statistics.put("provenBy", prepared.provenOptimal() ? "label-setting" : "none");
        trace.addTo(statistics);
        double grams = PlanImprover.grams(prepared.graph(), prepared.incumbent());
        SolveStatus status = prepared.provenOptimal() ? SolveStatus.OPTIMAL : SolveStatus.FEASIBLE;
        return new SolveResult(solver, version, status, prepared.incumbent(), grams / 1000.0,
                prepared.lowerBoundGrams() / 1000.0, (System.nanoTime() - startedNanos) / 1e9, prepared.seconds(),
                settings.effectiveWorkers(), settings.seed(), message, statistics);
    }

    /** Without a presolve plan (e.g. presolve=none) a model that cannot be built in time is not started either. */
    static SolveResult tooLargeWithoutPlan(String solver, String version, PreparedGraph prepared, SolveSettings settings,
                                           long startedNanos, IncumbentTrace trace) {
        Map<String, Object> statistics = new LinkedHashMap<>(prepared.statistics());
        statistics.put("modelSkipped", true);
        trace.addTo(statistics);
        String message = ("the model (%d arcs) is too large to build within the time limit of %s s (about %.0f s at %.0f arcs/s)"
                + " and no presolve plan exists. Maybe keep the presolve on, or raise --time-limit?")
                .formatted(prepared.arcsAfter(), settings.timeLimitSeconds(), prepared.arcsAfter() / ARCS_PER_SECOND.get(settings),
                        ARCS_PER_SECOND.get(settings));
        return new SolveResult(solver, version, SolveStatus.UNKNOWN, null, Double.NaN, Double.NaN,
                (System.nanoTime() - startedNanos) / 1e9, Double.NaN, settings.effectiveWorkers(), settings.seed(), message, statistics);
    }
}
