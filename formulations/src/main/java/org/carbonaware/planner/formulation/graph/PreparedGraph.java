package org.carbonaware.planner.formulation.graph;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.carbonaware.planner.domain.Plan;
import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.solve.Deadline;
import org.carbonaware.planner.solve.HeapBudget;
import org.carbonaware.planner.solve.PlanSolver;
import org.carbonaware.planner.solve.SolveSettings;
import org.carbonaware.planner.solve.SolverOption;

/**
 * The state graph an exact model is built on, after the Lagrangian presolve: the best bound and incumbent the
 * relaxation found, the proof (or proven lower bound) of the label-setting rounds ({@link GapClosing}), and the
 * arcs left after reduced-cost fixing. With {@code presolve=none} every arc stays and no bound or incumbent is
 * computed, which gives the plain transition-flow model.
 */
public record PreparedGraph(StateGraph graph, ArcMask mask, LagrangianRelaxation.Result lagrangian,
                            GapClosing.Result closing, long arcsBefore, long arcsAfter, double seconds, SeedPlans.Seed seed) {

    /**
     * Labels one label-setting round may store before it gives up its proof: 4 bytes each for the parent index of
     * a past layer, so 64 million labels hold about 256 MB.
     */
    public static final long DEFAULT_LABEL_BUDGET = 64_000_000;
    /** Labels per node kept by the heuristic beam pass that tightens the incumbent before the proof. */
    public static final int BEAM_WIDTH = 8;

    public static final SolverOption<String> PRESOLVE = SolverOption.choice("presolve",
            "lagrangian: bound, reduction and label setting; bound: stop after the Lagrangian step; none: the plain flow model",
            "lagrangian", "bound", "none");
    public static final SolverOption<Long> LABEL_BUDGET = SolverOption.integer("labelBudget",
            "labels one label-setting round may store before the rounds give up their proof (4 bytes a label)").atLeast(1).byDefault(DEFAULT_LABEL_BUDGET);
    /** Share of the time left after the Lagrangian step that the exact label-setting pass may take by default. */
    static final double LABEL_SHARE = 0.7;
    public static final SolverOption<Double> LABEL_SECONDS = SolverOption.decimal("labelSeconds",
            "seconds the label-setting rounds may take before they give up their proof (never more than the time left)").above(0)
            .absentMeans("70 % of the time left after the Lagrangian step");
    /** Share of the time limit after which the Lagrangian bisection stops with what it has. */
    static final double LAGRANGIAN_SHARE = 0.5;
    /** Share of the time limit the heuristic beam pass may take. */
    static final double BEAM_SHARE = 0.1;
    /** The options of the label-setting presolve. */
    public static final List<SolverOption<?>> LABEL_OPTIONS = List.of(SeedPlans.SEEDS, LABEL_BUDGET, LABEL_SECONDS);
    /** The options of the presolve as the model-building solvers take it. */
    public static final List<SolverOption<?>> PRESOLVE_OPTIONS = List.of(PRESOLVE, SeedPlans.SEEDS, LABEL_BUDGET, LABEL_SECONDS);

    /** Bytes a stored label takes: the parent index of a past layer. */
    static final long BYTES_PER_LABEL = 4;
    /** The label budget is lowered to the heap left beside the tables (see {@link #labelBudget}), never below this. */
    static final long MIN_LABEL_BUDGET = 1_000_000;

    /**
     * Heap estimate of {@link #prepare} with the given presolve: {@link #tableBytes} and, with label setting, the
     * smallest label budget it runs with ({@link #MIN_LABEL_BUDGET} labels; the rest of the budget only where the
     * heap has room, see {@link #labelBudget}).
     */
    public static long heapBytes(Problem problem, SolveSettings settings, String presolve) {
        long bytes = tableBytes(problem, presolve);
        return presolve.equals("lagrangian")
                ? HeapBudget.plus(bytes, Math.min(LABEL_BUDGET.get(settings), MIN_LABEL_BUDGET) * BYTES_PER_LABEL) : bytes;
    }

    /**
     * The state graph's tables and its arc mask and, with a presolve, the relaxation's arrays per epoch and node
     * (predecessors, forward and backward values, the completion bounds of each multiplier) and, with label setting,
     * the mask copy each round reduces. A label-setting layer's candidates are not counted (dropped layer by layer).
     */
    static long tableBytes(Problem problem, String presolve) {
        long nodes = problem.stateCount() + 1L;
        long epochs = problem.epochCount();
        long bytes = HeapBudget.plus(StateGraph.tableBytes(nodes, epochs, problem.hasTransitionGrams()), ArcMask.bytes(nodes, epochs));
        if (presolve.equals("none")) {
            return bytes;
        }
        long perEpochAndNode = Integer.BYTES + 2L * Double.BYTES + (CompletionBound.RELATIVE_MULTIPLIERS.length + 1L) * Double.BYTES;
        bytes = HeapBudget.plus(bytes, HeapBudget.times(HeapBudget.times(epochs, nodes), perEpochAndNode));
        return presolve.equals("lagrangian") ? HeapBudget.plus(bytes, ArcMask.bytes(nodes, epochs)) : bytes;
    }

    /**
     * The label budget of this solve: {@code labelBudget}, lowered to what the usable heap leaves beside the tables so
     * that the label setting gives up its proof instead of running out of memory (the tables of the bundled instances
     * leave the default budget's 256 MB on any heap of 1 GiB or more).
     */
    static long labelBudget(Problem problem, SolveSettings settings) {
        long given = LABEL_BUDGET.get(settings);
        long room = (HeapBudget.usableBytes() - tableBytes(problem, "lagrangian")) / BYTES_PER_LABEL;
        return Math.min(given, Math.max(Math.min(given, MIN_LABEL_BUDGET), room));
    }

    public static PreparedGraph prepare(Problem problem, SolveSettings settings) {
        return prepare(problem, settings, PRESOLVE.get(settings));
    }

    /** Prepares with the given presolve ({@code lagrangian}, {@code bound} or {@code none}), no seeds, the whole limit. */
    public static PreparedGraph prepare(Problem problem, SolveSettings settings, String presolve) {
        return prepare(problem, settings, presolve, Deadline.start(settings), List.of());
    }

    /**
     * Prepares within {@code deadline}: the seed solvers' best plan (unless {@code seeds=none}) and the Lagrangian
     * step (stopped at half the limit) give the incumbent; the beam pass takes at most a tenth of the limit and the
     * exact label-setting pass {@code labelSeconds}, never more than the time left. {@code presolve=none} gives the
     * plain model: no seeds, no bound, no reduction.
     */
    public static PreparedGraph prepare(Problem problem, SolveSettings settings, String presolve, Deadline deadline,
                                        List<PlanSolver> seedSolvers) {
        return prepare(problem, settings, presolve, deadline, seedSolvers, LABEL_SHARE);
    }

    /**
     * The same, with the share of the time left that the label-setting pass takes by default ({@code label}, with no
     * model after it, takes nearly all).
     */
    public static PreparedGraph prepare(Problem problem, SolveSettings settings, String presolve, Deadline deadline,
                                        List<PlanSolver> seedSolvers, double labelShare) {
        long started = System.nanoTime();
        return prepare(new StateGraph(problem), settings, presolve, deadline, seedSolvers, labelShare, started);
    }

    /** The same on a graph the caller has built already (so that it is not built twice). */
    public static PreparedGraph prepare(StateGraph graph, SolveSettings settings, String presolve, Deadline deadline,
                                        List<PlanSolver> seedSolvers) {
        return prepare(graph, settings, presolve, deadline, seedSolvers, LABEL_SHARE, System.nanoTime());
    }

    private static PreparedGraph prepare(StateGraph graph, SolveSettings settings, String presolve, Deadline deadline,
                                         List<PlanSolver> seedSolvers, double labelShare, long started) {
        ArcMask mask = ArcMask.full(graph);
        long before = mask.count();
        if (presolve.equals("none")) {
            return new PreparedGraph(graph, mask, null, null, before, before, (System.nanoTime() - started) / 1e9, null);
        }
        SeedPlans.Seed seed = SeedPlans.SEEDS.get(settings).equals("baselines") && !seedSolvers.isEmpty()
                ? SeedPlans.best(graph, seedSolvers, settings, deadline) : null;
        LagrangianRelaxation relaxation = new LagrangianRelaxation(graph);
        LagrangianRelaxation.Result result = relaxation.solve(mask, deadline.nanosAtFraction(LAGRANGIAN_SHARE));
        if (seed != null && seed.plan() != null && seed.grams() < result.incumbentGrams()) {
            // The bound stays the Lagrangian's (a valid bound of every plan, so also at most the seed's grams).
            result = new LagrangianRelaxation.Result(Math.min(result.lowerBoundGrams(), seed.grams()), result.multiplier(),
                    seed.plan(), seed.grams(), result.viterbiPasses(), result.seconds());
        }
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
        GapClosing.Result closing = null;
        if (result.incumbent() != null && presolve.equals("lagrangian")) {
            // The beam first: a better incumbent caps the thresholds of the proof.
            LabelSetting.Result beam = new LabelSetting(graph).beam(mask, result.multiplier(), result.incumbent(),
                    result.incumbentGrams(), Math.min(BEAM_SHARE * settings.timeLimitSeconds(), deadline.remainingSeconds()),
                    BEAM_WIDTH);
            if (beam.grams() < result.incumbentGrams()) {
                result = result.withIncumbent(beam.plan(), beam.grams());
                relaxation.reduce(mask, result.multiplier(), result.incumbentGrams());
            }
            Double given = LABEL_SECONDS.get(settings);
            double budgetSeconds = Math.min(given != null ? given : labelShare * deadline.remainingSeconds(), deadline.remainingSeconds());
            closing = GapClosing.close(graph, mask, result.multiplier(), result.lowerBoundGrams(), result.incumbent(),
                    result.incumbentGrams(), labelBudget(graph.problem(), settings), budgetSeconds);
            if (closing.grams() < result.incumbentGrams()) {
                result = result.withIncumbent(closing.plan(), closing.grams());
                relaxation.reduce(mask, result.multiplier(), result.incumbentGrams());
            }
        }
        return new PreparedGraph(graph, mask, result, closing, before, mask.count(), (System.nanoTime() - started) / 1e9, seed);
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

    /**
     * True when the Lagrangian step ran its course without finding a plan, which proves that none reaches the
     * workload (at a large multiplier its path trains the most tokens any path can); false when it was stopped by
     * the time limit first.
     */
    public boolean provenInfeasible(Deadline deadline) {
        return lagrangian != null && lagrangian.incumbent() == null
                && (lagrangian.lowerBoundGrams() == Double.POSITIVE_INFINITY
                || System.nanoTime() - deadline.nanosAtFraction(LAGRANGIAN_SHARE) < 0);
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
        if (seed != null) {
            statistics.put("seedSolver", seed.solver());
            statistics.put("seedKg", seed.grams() / 1000.0);
            if (!seed.failures().isEmpty()) {
                statistics.put("seedFailures", seed.failures());
            }
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
