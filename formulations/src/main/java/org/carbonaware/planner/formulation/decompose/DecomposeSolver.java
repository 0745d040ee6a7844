package org.carbonaware.planner.formulation.decompose;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.carbonaware.planner.domain.Instance;
import org.carbonaware.planner.domain.Option;
import org.carbonaware.planner.domain.Plan;
import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.domain.Site;
import org.carbonaware.planner.domain.StateSpace;
import org.carbonaware.planner.solve.Deadline;
import org.carbonaware.planner.solve.Gap;
import org.carbonaware.planner.solve.PlanSolver;
import org.carbonaware.planner.solve.SolveResult;
import org.carbonaware.planner.solve.SolveSettings;
import org.carbonaware.planner.solve.SolveStatus;
import org.carbonaware.planner.solve.SolverOption;
import org.carbonaware.planner.validate.Evaluation;
import org.carbonaware.planner.validate.PlanEvaluator;

/**
 * Per-site Lagrangian decomposition for instances whose product of per-site options is too large for one state
 * graph. The bound: every site solves its own path over off / option SOLO / option FED nodes, the couplings (the
 * workload row, at most K running sites and G GPUs per epoch, a solo site runs alone) priced by multipliers
 * ({@link SiteLagrangian}); it is valid for the full instance. The plan: the options the sites' paths use near the
 * best multipliers (plus each site's fastest and initial option) form a restricted instance, which an exact solver
 * plans; its plan is mapped back to the full state list (a configuration dominance pruning removed becomes the kept
 * state that dominates it, {@link StateSpace#stateOrDominating}).
 *
 * <p>Reduced costs tie the two together: at the best multipliers the cheapest path of site s through option o
 * weighs rc(s, o) more than its cheapest path, so L + rc(s, o) bounds every plan that uses o at s. The full
 * instance's bound is therefore max(L, min(restricted bound, L + the smallest reduced cost of an excluded option)),
 * and while that leaves a gap the excluded options with the smallest reduced costs join the restricted instance
 * (up to {@code optionsPerSite} per site) and it is planned again, warm-started from the incumbent.
 */
public final class DecomposeSolver implements PlanSolver {

    public static final String NAME = "decompose";
    /** The exact solvers' relative gap tolerance; a gap within it is reported OPTIMAL, as theirs is. */
    static final double OPTIMALITY_GAP = 1e-4;
    /** Share of the time limit the first dual ascent takes unless {@code boundSeconds} is given. */
    static final double BOUND_SHARE = 0.3;
    /** Share of the time left that the second dual ascent (toward the incumbent) may take. */
    static final double SECOND_BOUND_SHARE = 0.2;
    /** Share of the time left a restricted solve takes when more options could still follow. */
    static final double RESTRICTED_SHARE = 0.5;
    /** Below this many seconds left no further restricted solve is started. */
    static final double MIN_RESTRICTED_SECONDS = 0.2;

    public static final SolverOption<String> RESTRICTED_SOLVER = SolverOption.choice("restrictedSolver",
            "the exact solver of the restricted instance", "label", "cpsat", "mip");
    public static final SolverOption<Long> OPTIONS_PER_SITE = SolverOption.integer("optionsPerSite",
            "most options a site keeps in the restricted instance once it has a plan (its fastest and initial option always stay)")
            .atLeast(1).byDefault(6L);
    public static final SolverOption<Double> BOUND_SECONDS = SolverOption.decimal("boundSeconds",
            "seconds the first dual ascent may take before the first restricted solve").above(0)
            .absentMeans("30 % of the time limit");
    public static final SolverOption<Long> ITERATIONS = SolverOption.integer("iterations",
            "subgradient steps of each dual ascent").atLeast(1).byDefault(300L);

    private final Function<String, PlanSolver> exactSolvers;

    /** @param exactSolvers creates the restricted instance's solver by name (the registry hands itself in) */
    public DecomposeSolver(Function<String, PlanSolver> exactSolvers) {
        this.exactSolvers = exactSolvers;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String summary() {
        return "per-site Lagrangian decomposition: a bound valid for the full instance and an exact plan over the "
                + "options the sub-problems choose; OPTIMAL only when the two meet";
    }

    @Override
    public List<SolverOption<?>> options() {
        return List.of(RESTRICTED_SOLVER, OPTIONS_PER_SITE, BOUND_SECONDS, ITERATIONS);
    }

    @Override
    public SolveResult solve(Problem problem, SolveSettings settings) {
        return new Run(problem, settings).solve();
    }

    /** The state of one solve. */
    private final class Run {

        private final Problem problem;
        private final SolveSettings settings;
        private final Deadline deadline;
        private final int sites;
        private final List<SiteGraph> graphs = new ArrayList<>();
        private final boolean[][] usable;
        private final Map<String, Object> statistics = new LinkedHashMap<>();
        private Plan incumbent;
        private double incumbentGrams = Double.POSITIVE_INFINITY;
        private double firstFeasibleSeconds = Double.NaN;
        private int restrictedWorkers = 1;

        Run(Problem problem, SolveSettings settings) {
            this.problem = problem;
            this.settings = settings;
            this.deadline = Deadline.start(settings);
            this.sites = problem.siteCount();
            this.usable = new boolean[sites][];
        }

        SolveResult solve() {
            Instance instance = problem.instance();
            int capacity = Math.min(instance.maxActiveSites(), sites);
            long mostGpus = 0;
            for (int s = 0; s < sites; s++) {
                List<Option> options = problem.siteOptionList(s);
                usable[s] = new boolean[options.size()];
                for (int o = 0; o < options.size(); o++) {
                    // With several sites the states hold only options within the total; one site's are its options.
                    usable[s][o] = sites == 1 || options.get(o).gpus() <= instance.maxTotalGpus();
                }
                graphs.add(new SiteGraph(problem, s, usable[s], federatedFactor(s, capacity), capacity,
                        problem.activeSites(problem.initialState()) >= 2));
                mostGpus += graphs.get(s).maxGpus();
            }
            boolean gpuRows = sites >= 2 && mostGpus > instance.maxTotalGpus();
            SiteLagrangian dual = new SiteLagrangian(graphs, problem.epochCount(), problem.workloadTokens(), capacity,
                    sites >= 2, instance.maxTotalGpus(), gpuRows);
            if (problem.epochCount() == 0 || dual.maxTokens() < problem.workloadTokens()) {
                statistics.put("lagrangianBoundKg", Double.POSITIVE_INFINITY);
                return result(SolveStatus.INFEASIBLE, Double.POSITIVE_INFINITY,
                        "no plan reaches the workload: not even every site at its most tokens, federated at its best factor");
            }
            int iterations = (int) Math.min(Integer.MAX_VALUE, ITERATIONS.get(settings));
            Double boundSeconds = BOUND_SECONDS.get(settings);
            long boundStop = boundSeconds != null
                    ? deadline.startedNanos() + (long) (Math.min(boundSeconds, settings.timeLimitSeconds()) * 1e9)
                    : deadline.nanosAtFraction(BOUND_SHARE);
            SiteLagrangian.Result bound = dual.solve(iterations, boundStop, Double.POSITIVE_INFINITY, null);
            double[][] reduced = reducedCosts(bound);
            double boundSecondsUsed = bound.seconds();
            int iterationsUsed = bound.iterations();
            List<BitSet> kept = firstSelection(bound, reduced);
            int cap = (int) Math.min(Integer.MAX_VALUE, OPTIONS_PER_SITE.get(settings));
            String restrictedName = RESTRICTED_SOLVER.get(settings);
            PlanSolver exact = exactSolvers.apply(restrictedName);
            double fullBound = bound.boundGrams();
            SolveResult last = null;
            int rounds = 0;
            boolean secondAscent = false;
            String stop = null;
            while (true) {
                boolean complete = complete(kept);
                Problem restricted = restrictedProblem(problem, kept);
                if (restricted == null) {
                    stop = "the initial state is not a state of the restricted instance";
                    break;
                }
                double seconds = deadline.remainingSeconds() * (complete ? 1.0 : RESTRICTED_SHARE);
                Plan warm = incumbent == null ? null : toRestricted(restricted, kept, incumbent);
                SolveSettings restrictedSettings = new SolveSettings(Math.max(0.01, seconds), settings.workers(), settings.seed(),
                        Map.of(), warm);
                last = exact.solve(restricted, restrictedSettings);
                rounds++;
                restrictedWorkers = Math.max(restrictedWorkers, last.workers());
                statistics.put("restrictedStates", restricted.stateCount());
                if (last.plan() != null) {
                    accept(toFull(problem, restricted, kept, last.plan()));
                }
                double restrictedBound = last.status() == SolveStatus.INFEASIBLE ? Double.POSITIVE_INFINITY
                        : Double.isNaN(last.bestBoundKg()) ? Double.NEGATIVE_INFINITY : last.bestBoundKg() * 1000.0;
                fullBound = Math.max(fullBound, Math.min(restrictedBound, excludedBound(bound, reduced, kept)));
                if (gapClosed(fullBound) || complete || deadline.remainingSeconds() < MIN_RESTRICTED_SECONDS) {
                    break;
                }
                if (!secondAscent && incumbent != null) {
                    // Toward the incumbent: Polyak steps with a real target usually lift the bound further.
                    secondAscent = true;
                    long stopAt = System.nanoTime() + (long) (SECOND_BOUND_SHARE * deadline.remainingSeconds() * 1e9);
                    SiteLagrangian.Result again = dual.solve(iterations, stopAt, incumbentGrams, bound);
                    boundSecondsUsed += again.seconds();
                    iterationsUsed += again.iterations();
                    if (again.boundGrams() > bound.boundGrams()) {
                        bound = again;
                        reduced = reducedCosts(bound);
                        fullBound = Math.max(fullBound, Math.min(restrictedBound, excludedBound(bound, reduced, kept)));
                        if (gapClosed(fullBound)) {
                            break;
                        }
                    }
                }
                if (!grow(kept, reduced, bound.boundGrams(), cap)) {
                    break;
                }
            }
            statistics.put("lagrangianBoundKg", bound.boundGrams() / 1000.0);
            statistics.put("lagrangianMultiplierGramsPerToken", bound.lambda());
            statistics.put("iterations", iterationsUsed);
            statistics.put("viterbiPasses", bound.viterbiPasses());
            statistics.put("boundSeconds", boundSecondsUsed);
            statistics.put("restrictedSolver", restrictedName);
            statistics.put("restrictedRounds", rounds);
            Map<String, Object> counts = new LinkedHashMap<>();
            for (int s = 0; s < sites; s++) {
                counts.put(problem.site(s).name(), kept.get(s).cardinality());
            }
            statistics.put("restrictedOptionsBySite", counts);
            statistics.put("restrictedComplete", complete(kept));
            if (last != null) {
                statistics.put("restrictedStatus", last.status().name());
                statistics.put("restrictedObjectiveKg", last.objectiveKg());
                statistics.put("restrictedBoundKg", last.bestBoundKg());
            }
            if (incumbent == null) {
                if (Double.isInfinite(fullBound) && fullBound > 0) {
                    return result(SolveStatus.INFEASIBLE, fullBound, "no plan reaches the workload");
                }
                return result(SolveStatus.UNKNOWN, fullBound, stop != null ? stop
                        : "the restricted instance gave no plan within the time limit");
            }
            return result(gapClosed(fullBound) ? SolveStatus.OPTIMAL : SolveStatus.FEASIBLE, fullBound, null);
        }

        private boolean gapClosed(double boundGrams) {
            return incumbent != null && Gap.relative(incumbentGrams, boundGrams) <= OPTIMALITY_GAP;
        }

        private SolveResult result(SolveStatus status, double boundGrams, String message) {
            return new SolveResult(NAME, PLANNER_VERSION, status, incumbent, incumbent == null ? Double.NaN : incumbentGrams / 1000.0,
                    boundGrams / 1000.0, deadline.elapsedSeconds(), firstFeasibleSeconds, restrictedWorkers, settings.seed(),
                    message, statistics);
        }

        /**
         * The largest factor a federation containing site s can have: that of s with the site of the widest WAN
         * (the factor falls with the slowest member's bandwidth). NaN when s never runs federated.
         */
        private double federatedFactor(int site, int capacity) {
            if (capacity < 2) {
                return Double.NaN;
            }
            double best = Double.NaN;
            for (int other = 0; other < sites; other++) {
                if (other != site) {
                    int[] configuration = problem.configuration(Problem.PAUSED);
                    configuration[site] = 0;
                    configuration[other] = 0;
                    double factor = problem.federatedFactor(configuration);
                    best = Double.isNaN(best) ? factor : Math.max(best, factor);
                }
            }
            return best;
        }

        private double[][] reducedCosts(SiteLagrangian.Result bound) {
            double[][] reduced = new double[sites][];
            for (int s = 0; s < sites; s++) {
                reduced[s] = graphs.get(s).reducedCosts(bound.lambda(), bound.mu(), bound.nu());
            }
            return reduced;
        }

        /** Each site's fastest and initial option, then the options near the best bound by reduced cost, up to the cap. */
        private List<BitSet> firstSelection(SiteLagrangian.Result bound, double[][] reduced) {
            int cap = (int) Math.min(Integer.MAX_VALUE, OPTIONS_PER_SITE.get(settings));
            List<BitSet> kept = new ArrayList<>();
            for (int s = 0; s < sites; s++) {
                BitSet set = new BitSet();
                List<Option> options = problem.siteOptionList(s);
                List<Option> runnable = new ArrayList<>();
                for (int o = 0; o < options.size(); o++) {
                    if (usable[s][o]) {
                        runnable.add(options.get(o));
                    }
                }
                Option.fastest(runnable).ifPresent(fastest -> set.set(options.indexOf(fastest)));
                int initial = problem.siteOptionIndex(problem.initialState(), s);
                if (initial != Problem.PAUSED) {
                    set.set(initial);
                }
                BitSet near = bound.optionsNearBest().get(s);
                for (int o : byReducedCost(reduced[s], near)) {
                    if (set.cardinality() >= cap) {
                        break;
                    }
                    set.set(o);
                }
                kept.add(set);
            }
            return kept;
        }

        /** The options of {@code among} with finite reduced cost, cheapest first (ties: lower index). */
        private List<Integer> byReducedCost(double[] reduced, BitSet among) {
            List<Integer> order = new ArrayList<>();
            for (int o = among.nextSetBit(0); o >= 0; o = among.nextSetBit(o + 1)) {
                if (Double.isFinite(reduced[o])) {
                    order.add(o);
                }
            }
            order.sort(Comparator.<Integer>comparingDouble(o -> reduced[o]).thenComparingInt(o -> o));
            return order;
        }

        private boolean complete(List<BitSet> kept) {
            for (int s = 0; s < sites; s++) {
                for (int o = 0; o < usable[s].length; o++) {
                    if (usable[s][o] && !kept.get(s).get(o)) {
                        return false;
                    }
                }
            }
            return true;
        }

        /** L + the smallest reduced cost of an option the restricted instance leaves out: a bound on every plan using one. */
        private double excludedBound(SiteLagrangian.Result bound, double[][] reduced, List<BitSet> kept) {
            double smallest = Double.POSITIVE_INFINITY;
            for (int s = 0; s < sites; s++) {
                for (int o = 0; o < usable[s].length; o++) {
                    if (usable[s][o] && !kept.get(s).get(o)) {
                        smallest = Math.min(smallest, reduced[s][o]);
                    }
                }
            }
            return bound.boundGrams() + smallest;
        }

        /**
         * Adds to each site the excluded options that could still improve on the incumbent (L + rc below it), cheapest
         * first, as many as it has (doubling), within the cap once a plan is known; also the options of the incumbent's
         * states. False when nothing was added.
         */
        private boolean grow(List<BitSet> kept, double[][] reduced, double boundGrams, int cap) {
            boolean added = false;
            if (incumbent != null) {
                for (int t = 0; t < incumbent.epochCount(); t++) {
                    int[] configuration = problem.configuration(incumbent.state(t));
                    for (int s = 0; s < sites; s++) {
                        if (configuration[s] != Problem.PAUSED && !kept.get(s).get(configuration[s])) {
                            kept.get(s).set(configuration[s]);
                            added = true;
                        }
                    }
                }
            }
            double limit = incumbent == null ? Double.POSITIVE_INFINITY : incumbentGrams * (1 - OPTIMALITY_GAP);
            for (int s = 0; s < sites; s++) {
                BitSet excluded = new BitSet();
                for (int o = 0; o < usable[s].length; o++) {
                    if (usable[s][o] && !kept.get(s).get(o) && boundGrams + reduced[s][o] < limit) {
                        excluded.set(o);
                    }
                }
                // Without a plan yet the cap does not hold: the instance grows until it has one or is complete.
                int size = kept.get(s).cardinality();
                int room = incumbent == null ? Math.max(1, size) : Math.min(cap - size, Math.max(1, size));
                for (int o : byReducedCost(reduced[s], excluded)) {
                    if (room-- <= 0) {
                        break;
                    }
                    kept.get(s).set(o);
                    added = true;
                }
            }
            return added;
        }

        /** Takes a mapped plan when it reaches the workload and emits less than the incumbent. */
        private void accept(Plan plan) {
            if (plan == null) {
                return;
            }
            Evaluation evaluation = PlanEvaluator.evaluate(problem, plan);
            double grams = evaluation.totalKg() * 1000.0;
            if (evaluation.tokens() >= problem.workloadTokens() * (1 - 1e-12) && grams < incumbentGrams) {
                incumbent = plan;
                incumbentGrams = grams;
                if (Double.isNaN(firstFeasibleSeconds)) {
                    firstFeasibleSeconds = deadline.elapsedSeconds();
                }
            }
        }

        /** The incumbent in the restricted instance's states, or null when one of its states is not there. */
        private Plan toRestricted(Problem restricted, List<BitSet> kept, Plan plan) {
            int[] states = new int[plan.epochCount()];
            for (int t = 0; t < states.length; t++) {
                int[] configuration = problem.configuration(plan.state(t));
                for (int s = 0; s < sites; s++) {
                    if (configuration[s] != Problem.PAUSED) {
                        if (!kept.get(s).get(configuration[s])) {
                            return null;
                        }
                        configuration[s] = kept.get(s).get(0, configuration[s]).cardinality();
                    }
                }
                states[t] = restricted.stateOrDominating(configuration);
                if (states[t] == StateSpace.UNLISTED) {
                    return null;
                }
            }
            return new Plan(states);
        }
    }

    /**
     * The instance with each site's options cut to {@code kept} (indices into the site's allowed options), on the
     * same epochs, carbon intensities, availability, initial state and workload; a cut of a longer instance stays
     * a cut at the same absolute epoch (round boundaries count from the instance start). Null when the initial state
     * is not a state of the restricted instance.
     */
    static Problem restrictedProblem(Problem problem, List<BitSet> kept) {
        Instance instance = problem.instance();
        List<Site> siteList = new ArrayList<>();
        int[] initial = problem.configuration(problem.initialState());
        for (int s = 0; s < problem.siteCount(); s++) {
            List<Option> options = new ArrayList<>();
            BitSet set = kept.get(s);
            for (int o = set.nextSetBit(0); o >= 0; o = set.nextSetBit(o + 1)) {
                options.add(problem.siteOptionList(s).get(o));
            }
            siteList.add(instance.site(s).withOptionList(options));
            if (initial[s] != Problem.PAUSED) {
                initial[s] = set.get(0, initial[s]).cardinality();
            }
        }
        Instance restricted = instance.withSiteList(siteList, instance.maxActiveSites());
        int sites = problem.siteCount();
        int epochs = problem.epochCount();
        int first = problem.firstEpoch();
        double[][] ci = new double[sites][];
        boolean[][] available = new boolean[sites][];
        for (int s = 0; s < sites; s++) {
            ci[s] = problem.carbonIntensities(s);
            available[s] = new boolean[epochs];
            for (int t = 0; t < epochs; t++) {
                available[s][t] = problem.available(s, t);
            }
        }
        if (first == 0) {
            Problem whole = new Problem(restricted, ci, available, Problem.PAUSED, problem.workloadTokens());
            int state = whole.stateOf(initial);
            if (state == StateSpace.UNLISTED) {
                return null;
            }
            return state == Problem.PAUSED ? whole
                    : new Problem(restricted, ci, available, state, problem.workloadTokens());
        }
        double[][] paddedCi = new double[sites][first + epochs];
        boolean[][] paddedAvailable = new boolean[sites][first + epochs];
        for (int s = 0; s < sites; s++) {
            System.arraycopy(ci[s], 0, paddedCi[s], first, epochs);
            java.util.Arrays.fill(paddedAvailable[s], true);
            System.arraycopy(available[s], 0, paddedAvailable[s], first, epochs);
        }
        Problem whole = new Problem(restricted, paddedCi, paddedAvailable, Problem.PAUSED, problem.workloadTokens());
        int state = whole.stateOf(initial);
        if (state == StateSpace.UNLISTED) {
            return null;
        }
        return whole.remaining(first, state, problem.workloadTokens(), ci);
    }

    /**
     * A restricted instance's plan in the full problem's states: restricted option indices back to full ones, a
     * configuration the full state list pruned replaced by the kept state that dominates it. Null when a
     * configuration has no state (it cannot happen within the same capacity limits).
     */
    static Plan toFull(Problem full, Problem restricted, List<BitSet> kept, Plan plan) {
        int[] states = new int[plan.epochCount()];
        for (int t = 0; t < states.length; t++) {
            int[] configuration = restricted.configuration(plan.state(t));
            for (int s = 0; s < configuration.length; s++) {
                if (configuration[s] != Problem.PAUSED) {
                    configuration[s] = nthSetBit(kept.get(s), configuration[s]);
                }
            }
            states[t] = full.stateOrDominating(configuration);
            if (states[t] == StateSpace.UNLISTED) {
                return null;
            }
        }
        return new Plan(states);
    }

    private static int nthSetBit(BitSet set, int n) {
        int bit = set.nextSetBit(0);
        for (int i = 0; i < n; i++) {
            bit = set.nextSetBit(bit + 1);
        }
        return bit;
    }
}
