package org.carbonaware.planner.formulation.flow;

import java.util.Map;

import org.carbonaware.planner.domain.Plan;
import org.carbonaware.planner.formulation.graph.PlanImprover;
import org.carbonaware.planner.formulation.graph.PreparedGraph;
import org.carbonaware.planner.formulation.graph.StateGraph;
import org.carbonaware.planner.solve.SolveStatus;

/**
 * Combines what an OR-Tools model returned with what the presolve knows, the same way for every exact
 * formulation: the better plan wins; the bound is the larger of the two; the result is OPTIMAL when the model
 * proved it or when the label setting proved the presolve's plan optimal, and {@code provenBy} says which.
 *
 * <p>The bound is the larger of the model's and the presolve's own bounds, as the solvers report them: it is not
 * clamped to the plan, so a bound above the plan (which would be a bug) shows as a negative gap.
 */
record ExactOutcome(SolveStatus status, Plan plan, double planGrams, double boundGrams, double modelBoundGrams,
                           String provenBy, boolean presolvePlanUsed) {

    /**
     * Time the model may take: all that is left, or, when the label setting already proved the optimum, a short
     * confirmation run (10 % of the limit, at least one second).
     */
    static double modelSeconds(PreparedGraph prepared, double timeLimitSeconds, double remainingSeconds) {
        double remaining = Math.max(0.01, remainingSeconds);
        return prepared.provenOptimal() ? Math.min(remaining, Math.max(1, 0.1 * timeLimitSeconds)) : remaining;
    }

    /**
     * @param modelStatus the model's status mapped to ours
     * @param modelPlan the model's plan or null
     * @param modelBoundGrams the model's proven bound in grams (NaN when none)
     * @param modelName who proved it when the model did, e.g. "cp-sat" or "HIGHS"
     */
    static ExactOutcome combine(PreparedGraph prepared, SolveStatus modelStatus, Plan modelPlan,
                                       double modelBoundGrams, String modelName) {
        StateGraph graph = prepared.graph();
        Plan incumbent = prepared.incumbent();
        if (modelStatus == SolveStatus.INFEASIBLE && incumbent != null) {
            throw new IllegalStateException(modelName + " reports the reduced model infeasible although the presolve found a plan");
        }
        double bound = modelBoundGrams;
        if (incumbent != null && bound > PlanImprover.grams(graph, incumbent)) {
            // Above a plan the presolve holds: the model's tolerances (CBC's workload margin, CP-SAT's token
            // rounding) cut that plan off, so its bound covers only its own feasible set. Dropped, not clamped.
            bound = Double.NaN;
        }
        if (!Double.isNaN(prepared.lowerBoundGrams())) {
            bound = Double.isNaN(bound) ? prepared.lowerBoundGrams() : Math.max(bound, prepared.lowerBoundGrams());
        }
        Plan plan = modelPlan;
        SolveStatus status = modelStatus;
        boolean presolvePlanUsed = false;
        if (incumbent != null && (plan == null || PlanImprover.grams(graph, incumbent) < PlanImprover.grams(graph, plan))) {
            // Also when the model claims optimality: its tolerances (CBC's workload margin, CP-SAT's rounding) can
            // make it miss a plan the presolve holds, so its proof does not cover that plan.
            plan = incumbent;
            status = SolveStatus.FEASIBLE;
            presolvePlanUsed = true;
        }
        String provenBy = status == SolveStatus.OPTIMAL || status == SolveStatus.INFEASIBLE ? modelName : "none";
        double planGrams = plan == null ? Double.NaN : PlanImprover.grams(graph, plan);
        if (status == SolveStatus.FEASIBLE && prepared.provenOptimal()
                && planGrams <= PlanImprover.grams(graph, incumbent) * (1 + 1e-12)) {
            status = SolveStatus.OPTIMAL;
            provenBy = "label-setting";
        }
        return new ExactOutcome(status, plan, planGrams, bound, modelBoundGrams, provenBy, presolvePlanUsed);
    }

    void addTo(Map<String, Object> statistics) {
        statistics.put("provenBy", provenBy);
        statistics.put("modelBoundKg", modelBoundGrams / 1000.0);
        statistics.put("presolvePlanUsed", presolvePlanUsed);
    }
}
