package org.carbonaware.planner.formulation.graph;

import java.util.LinkedHashMap;
import java.util.Map;

import org.carbonaware.planner.domain.Plan;
import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.solve.SolveSettings;

/**
 * The state graph an exact model is built on, after the Lagrangian presolve: the best bound and incumbent the
 * relaxation found, and the arcs left after reduced-cost fixing. With {@code presolve=none} every arc stays and
 * no bound or incumbent is computed, which gives the plain transition-flow model.
 */
public record PreparedGraph(StateGraph graph, ArcMask mask, LagrangianRelaxation.Result lagrangian,
                            long arcsBefore, long arcsAfter, double seconds) {

    public static final String PRESOLVE_PARAMETER = "presolve";

    public static PreparedGraph prepare(Problem problem, SolveSettings settings) {
        long started = System.nanoTime();
        String presolve = settings.parameter(PRESOLVE_PARAMETER, "lagrangian");
        if (!presolve.equals("lagrangian") && !presolve.equals("none")) {
            throw new IllegalArgumentException("presolve must be 'lagrangian' or 'none', got '" + presolve + "'");
        }
        StateGraph graph = new StateGraph(problem);
        ArcMask mask = ArcMask.full(graph);
        long before = mask.count();
        if (presolve.equals("none")) {
            return new PreparedGraph(graph, mask, null, before, before, (System.nanoTime() - started) / 1e9);
        }
        LagrangianRelaxation relaxation = new LagrangianRelaxation(graph);
        LagrangianRelaxation.Result result = relaxation.solve(mask);
        if (result.incumbent() != null) {
            Plan improved = PlanImprover.improve(graph, result.incumbent());
            double improvedGrams = PlanImprover.grams(graph, improved);
            if (improvedGrams < result.incumbentGrams()) {
                result = new LagrangianRelaxation.Result(result.lowerBoundGrams(), result.multiplier(), improved,
                        improvedGrams, result.viterbiPasses(), result.seconds());
            }
            relaxation.reduce(mask, result.multiplier(), result.incumbentGrams());
        }
        return new PreparedGraph(graph, mask, result, before, mask.count(), (System.nanoTime() - started) / 1e9);
    }

    public Plan incumbent() {
        return lagrangian == null ? null : lagrangian.incumbent();
    }

    public double lowerBoundGrams() {
        return lagrangian == null ? Double.NaN : lagrangian.lowerBoundGrams();
    }

    /** Figures for the solution's statistics block. */
    public Map<String, Object> statistics() {
        Map<String, Object> statistics = new LinkedHashMap<>();
        statistics.put("presolve", lagrangian == null ? "none" : "lagrangian");
        statistics.put("arcsBefore", arcsBefore);
        statistics.put("arcsAfter", arcsAfter);
        statistics.put("presolveSeconds", seconds);
        if (lagrangian != null) {
            statistics.put("lagrangianBoundKg", lagrangian.lowerBoundGrams() / 1000.0);
            statistics.put("lagrangianIncumbentKg", lagrangian.incumbentGrams() / 1000.0);
            statistics.put("lagrangianMultiplierGramsPerToken", lagrangian.multiplier());
            statistics.put("viterbiPasses", lagrangian.viterbiPasses());
        }
        return statistics;
    }
}
