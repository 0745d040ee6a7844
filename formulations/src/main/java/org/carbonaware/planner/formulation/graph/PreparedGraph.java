package org.carbonaware.planner.formulation.graph;

import java.util.LinkedHashMap;
import java.util.Map;

import org.carbonaware.planner.domain.Plan;
import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.solve.SolveSettings;

/**
 * The state graph an exact model is built on, after the Lagrangian presolve: the best bound and incumbent the
 * relaxation found, the proof (or proven lower bound) of the label-setting rounds, and the arcs left after
 * reduced-cost fixing. With {@code presolve=none} every arc stays and no bound or incumbent is computed, which gives
 * the plain transition-flow model.
 */
public record PreparedGraph(StateGraph graph, ArcMask mask, LagrangianRelaxation.Result lagrangian,
                            GapClosing.Result closing, long arcsBefore, long arcsAfter, double seconds) {

    /**
     * Labels one label-setting round may store before it gives up its proof: 4 bytes each for the parent index
     * of a past layer, so 64 million labels hold about 256 MB.
     */
    public static final long DEFAULT_LABEL_BUDGET = 64_000_000;
    /** Share of the time limit the label-setting rounds may use. */
    public static final double DEFAULT_LABEL_SHARE = 0.75;
    /** Labels per node kept by the heuristic beam pass that tightens the incumbent before the proof. */
    public static final int BEAM_WIDTH = 8;
    /** Share of the time limit the beam pass may use. */
    static final double BEAM_SHARE = 0.1;

    public static final String PRESOLVE_PARAMETER = "presolve";

    public static PreparedGraph prepare(Problem problem, SolveSettings settings) {
        long started = System.nanoTime();
        String presolve = settings.parameter(PRESOLVE_PARAMETER, "lagrangian");
        if (!presolve.equals("lagrangian") && !presolve.equals("none") && !presolve.equals("bound")) {
            throw new IllegalArgumentException("presolve must be 'lagrangian', 'bound' or 'none', got '" + presolve + "'");
        }
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
                result = result.withIncumbent(improved, improvedGrams);
            }
            relaxation.reduce(mask, result.multiplier(), result.incumbentGrams());
        }
        GapClosing.Result closing = null;
        if (result.incumbent() != null && presolve.equals("lagrangian")) {
            // A beam pass first: a better incumbent caps the thresholds of the proof.
            LabelSetting.Result beam = new LabelSetting(graph).beam(mask, result.multiplier(), result.incumbent(),
                    result.incumbentGrams(), Math.min(BEAM_SHARE * settings.timeLimitSeconds(),
                            remainingSeconds(settings, started)), BEAM_WIDTH);
            if (beam.grams() < result.incumbentGrams()) {
                result = result.withIncumbent(beam.plan(), beam.grams());
                relaxation.reduce(mask, result.multiplier(), result.incumbentGrams());
            }
            double budgetSeconds = Math.min(Double.parseDouble(settings.parameter("labelSeconds",
                    Double.toString(DEFAULT_LABEL_SHARE * settings.timeLimitSeconds()))), remainingSeconds(settings, started));
            long labelBudget = Long.parseLong(settings.parameter("labelBudget", Long.toString(DEFAULT_LABEL_BUDGET)));
            closing = GapClosing.close(graph, mask, result.multiplier(), result.lowerBoundGrams(), result.incumbent(),
                    result.incumbentGrams(), labelBudget, budgetSeconds);
            if (closing.grams() < result.incumbentGrams()) {
                result = result.withIncumbent(closing.plan(), closing.grams());
                relaxation.reduce(mask, result.multiplier(), result.incumbentGrams());
            }
        }
        return new PreparedGraph(graph, mask, result, closing, before, mask.count(), (System.nanoTime() - started) / 1e9);
    }

    /** What is left of the time limit, keeping 5 % for the model, the validation and writing the solution. */
    private static double remainingSeconds(SolveSettings settings, long startedNanos) {
        return Math.max(0, 0.95 * settings.timeLimitSeconds() - (System.nanoTime() - startedNanos) / 1e9);
    }

    public Plan incumbent() {
        return lagrangian == null ? null : lagrangian.incumbent();
    }

    /**
     * The incumbent's grams when the label setting proved it optimal, else the best proven bound: the Lagrangian
     * bound or the highest threshold below which a complete label-setting round found no plan.
     */
    public double lowerBoundGrams() {
        if (lagrangian == null) {
            return Double.NaN;
        }
        if (provenOptimal()) {
            return lagrangian.incumbentGrams();
        }
        double bound = lagrangian.lowerBoundGrams();
        return closing == null ? bound : Math.min(Math.max(bound, closing.lowerBoundGrams()), lagrangian.incumbentGrams());
    }

    /** True when a label-setting round proved the incumbent optimal. */
    public boolean provenOptimal() {
        return closing != null && closing.proven() && closing.grams() <= lagrangian.incumbentGrams();
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
        if (closing != null) {
            statistics.put("labelProven", closing.proven());
            statistics.put("labelRounds", closing.rounds());
            statistics.put("labels", closing.labels());
            statistics.put("labelSeconds", closing.seconds());
            statistics.put("labelBoundKg", closing.lowerBoundGrams() / 1000.0);
        }
        return statistics;
    }
}
