package org.carbonaware.planner.formulation.graph;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.carbonaware.planner.domain.Plan;
import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.solve.SolveSettings;
import org.carbonaware.planner.solve.SolverOption;

/**
 * The state graph an exact model is built on, after the Lagrangian presolve: the best bound and incumbent the
 * relaxation found, and the arcs left after reduced-cost fixing. With {@code presolve=none} every arc stays and
 * no bound or incumbent is computed, which gives the plain transition-flow model.
 */
public record PreparedGraph(StateGraph graph, ArcMask mask, LagrangianRelaxation.Result lagrangian,
                            LabelSetting.Result labelling, long arcsBefore, long arcsAfter, double seconds) {

    /** Labels the presolve's label-setting pass may create before it gives up its proof. */
    public static final long DEFAULT_LABEL_BUDGET = 4_000_000;
    /** Labels per node kept by the heuristic beam pass that tightens the incumbent before the exact pass. */
    public static final int BEAM_WIDTH = 8;

    public static final SolverOption<String> PRESOLVE = SolverOption.choice("presolve",
            "lagrangian: bound, reduction and label setting; bound: stop after the Lagrangian step; none: the plain flow model",
            "lagrangian", "bound", "none");
    public static final SolverOption<Long> LABEL_BUDGET = SolverOption.integer("labelBudget",
            "labels the exact label-setting pass may create before it gives up its proof").atLeast(1).byDefault(DEFAULT_LABEL_BUDGET);
    public static final SolverOption<Double> LABEL_SECONDS = SolverOption.decimal("labelSeconds",
            "seconds the exact label-setting pass may take before it gives up its proof").above(0)
            .byDefault(settings -> Math.min(0.3 * settings.timeLimitSeconds(), 30), "min(0.3 × time limit, 30)");
    /** The options of the label-setting presolve. */
    public static final List<SolverOption<?>> LABEL_OPTIONS = List.of(LABEL_BUDGET, LABEL_SECONDS);
    /** The options of the presolve as the model-building solvers take it. */
    public static final List<SolverOption<?>> PRESOLVE_OPTIONS = List.of(PRESOLVE, LABEL_BUDGET, LABEL_SECONDS);

    public static PreparedGraph prepare(Problem problem, SolveSettings settings) {
        return prepare(problem, settings, PRESOLVE.get(settings));
    }

    /** Prepares with the given presolve ({@code lagrangian}, {@code bound} or {@code none}). */
    public static PreparedGraph prepare(Problem problem, SolveSettings settings, String presolve) {
        long started = System.nanoTime();
        StateGraph graph = new StateGraph(problem);
        ArcMask mask = ArcMask.full(graph);
        long before = mask.count();
        if (presolve.equals("none")) {
            return new PreparedGraph(graph, mask, null, null, before, before, (System.nanoTime() - started) / 1e9);
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
            Plan warm = settings.incumbent();
            if (warm != null && reaches(graph, warm) && PlanImprover.grams(graph, warm) < result.incumbentGrams()) {
                result = new LagrangianRelaxation.Result(result.lowerBoundGrams(), result.multiplier(), warm,
                        PlanImprover.grams(graph, warm), result.viterbiPasses(), result.seconds());
            }
            relaxation.reduce(mask, result.multiplier(), result.incumbentGrams());
        }
        LabelSetting.Result labelling = null;
        if (result.incumbent() != null && presolve.equals("lagrangian")) {
            LabelSetting labelSetting = new LabelSetting(graph);
            LabelSetting.Result beam = labelSetting.solve(mask, result.multiplier(), result.incumbent(), result.incumbentGrams(),
                    Long.MAX_VALUE, 0.1 * settings.timeLimitSeconds(), BEAM_WIDTH);
            if (beam.grams() < result.incumbentGrams()) {
                result = new LagrangianRelaxation.Result(result.lowerBoundGrams(), result.multiplier(), beam.plan(),
                        beam.grams(), result.viterbiPasses(), result.seconds());
                relaxation.reduce(mask, result.multiplier(), result.incumbentGrams());
            }
            double budgetSeconds = LABEL_SECONDS.get(settings);
            long labelBudget = LABEL_BUDGET.get(settings);
            labelling = labelSetting.solve(mask, result.multiplier(), result.incumbent(), result.incumbentGrams(),
                    labelBudget, budgetSeconds);
            if (labelling.grams() < result.incumbentGrams()) {
                result = new LagrangianRelaxation.Result(result.lowerBoundGrams(), result.multiplier(), labelling.plan(),
                        labelling.grams(), result.viterbiPasses(), result.seconds());
                relaxation.reduce(mask, result.multiplier(), result.incumbentGrams());
            }
        }
        return new PreparedGraph(graph, mask, result, labelling, before, mask.count(), (System.nanoTime() - started) / 1e9);
    }

    /** Whether a warm-start plan fits the graph: one allowed node per epoch and the workload reached. */
    private static boolean reaches(StateGraph graph, Plan plan) {
        if (plan.epochCount() != graph.epochCount()) {
            return false;
        }
        int[] nodes = new int[plan.epochCount()];
        for (int t = 0; t < nodes.length; t++) {
            nodes[t] = StateGraph.node(plan.state(t));
            if (nodes[t] < 0 || nodes[t] >= graph.nodeCount() || !graph.allowed(t, nodes[t])) {
                return false;
            }
        }
        return PlanImprover.tokens(graph, nodes) >= graph.workloadTokens();
    }

    public Plan incumbent() {
        return lagrangian == null ? null : lagrangian.incumbent();
    }

    /** The Lagrangian bound, or the incumbent's grams when the label-setting pass proved it optimal. */
    public double lowerBoundGrams() {
        if (lagrangian == null) {
            return Double.NaN;
        }
        return provenOptimal() ? lagrangian.incumbentGrams() : lagrangian.lowerBoundGrams();
    }

    /** True when the label-setting pass examined every label, so the incumbent is optimal. */
    public boolean provenOptimal() {
        return labelling != null && labelling.proven();
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
        if (labelling != null) {
            statistics.put("labelProven", labelling.proven());
            statistics.put("labels", labelling.labels());
            statistics.put("labelSeconds", labelling.seconds());
        }
        return statistics;
    }
}
