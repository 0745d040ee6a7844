package org.carbonaware.planner.formulation.timefold;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

import ai.timefold.solver.core.api.score.HardSoftScore;
import ai.timefold.solver.core.api.solver.Solver;
import ai.timefold.solver.core.api.solver.SolverConfigOverride;
import ai.timefold.solver.core.api.solver.SolverFactory;
import ai.timefold.solver.core.config.constructionheuristic.ConstructionHeuristicPhaseConfig;
import ai.timefold.solver.core.config.constructionheuristic.ConstructionHeuristicType;
import ai.timefold.solver.core.config.heuristic.selector.move.composite.UnionMoveSelectorConfig;
import ai.timefold.solver.core.config.heuristic.selector.move.factory.MoveIteratorFactoryConfig;
import ai.timefold.solver.core.config.heuristic.selector.move.generic.ChangeMoveSelectorConfig;
import ai.timefold.solver.core.config.heuristic.selector.move.generic.SwapMoveSelectorConfig;
import ai.timefold.solver.core.config.localsearch.LocalSearchPhaseConfig;
import ai.timefold.solver.core.config.localsearch.decider.acceptor.LocalSearchAcceptorConfig;
import ai.timefold.solver.core.config.localsearch.decider.forager.LocalSearchForagerConfig;
import ai.timefold.solver.core.config.solver.EnvironmentMode;
import ai.timefold.solver.core.config.solver.SolverConfig;
import ai.timefold.solver.core.config.solver.termination.TerminationConfig;
import ai.timefold.solver.core.impl.solver.DefaultSolver;
import org.carbonaware.planner.domain.Plan;
import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.formulation.graph.ArcMask;
import org.carbonaware.planner.formulation.graph.LagrangianRelaxation;
import org.carbonaware.planner.formulation.graph.PlanImprover;
import org.carbonaware.planner.formulation.graph.PreparedGraph;
import org.carbonaware.planner.formulation.graph.StateGraph;
import org.carbonaware.planner.solve.Deadline;
import org.carbonaware.planner.solve.HeapBudget;
import org.carbonaware.planner.solve.IncumbentTrace;
import org.carbonaware.planner.solve.PlanSolver;
import org.carbonaware.planner.solve.SolveResult;
import org.carbonaware.planner.solve.SolveSettings;
import org.carbonaware.planner.solve.SolveStatus;
import org.carbonaware.planner.solve.SolverOption;

/**
 * Timefold Solver local search on one planning entity per epoch (see {@code benchmarks/timefold.md}).
 *
 * <p>Parameters: {@code warmStart=lagrangian|presolve|none} (default {@code lagrangian}: start from the Lagrangian
 * incumbent polished by one-epoch descent; {@code presolve}: the exact presolve's plan, computed in at most half
 * the limit; {@code none}: Timefold's first-fit construction heuristic) and
 * {@code moveLimit=N} (stop after N evaluated moves, which makes a run reproducible for a given seed when it ends
 * before the time limit). Community Edition solves on one thread, so {@code --workers} is ignored and reported
 * as 1. No lower bound is proven: the status is FEASIBLE (hard score 0) or UNKNOWN.
 */
public final class TimefoldSolver implements PlanSolver {

    public static final String NAME = "timefold";
    private static final String LIBRARY_VERSION = versionOfLibrary();
    public static final SolverOption<String> WARM_START = SolverOption.choice("warmStart",
            "lagrangian: start from the Lagrangian incumbent polished by one-epoch descent; presolve: from the exact presolve's plan"
                    + " (baselines, Lagrangian, beam and label setting) within half the limit; none: Timefold's first-fit construction",
            "lagrangian", "presolve", "none");
    /** Share of the limit the presolve warm start may take; the local search gets the rest. */
    static final double PRESOLVE_SHARE = 0.5;
    public static final SolverOption<Long> MOVE_LIMIT = SolverOption.integer("moveLimit",
            "stop after this many evaluated moves (reproducible for a seed when it ends before the time limit)").atLeast(1)
            .absentMeans("none (the time limit only)");
    public static final SolverOption<Long> LATE_ACCEPTANCE_SIZE = SolverOption.integer("lateAcceptanceSize",
            "late-acceptance history length of the local search").atLeast(1).atMost(Integer.MAX_VALUE)
            .absentMeans("Timefold's default acceptor");

    private final List<PlanSolver> seedSolvers;

    /** Without seed solvers (the presolve warm start then starts from the Lagrangian incumbent alone). */
    public TimefoldSolver() {
        this(List.of());
    }

    /** @param seedSolvers cheap solvers whose best plan the presolve warm start starts from */
    public TimefoldSolver(List<PlanSolver> seedSolvers) {
        this.seedSolvers = List.copyOf(seedSolvers);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String version() {
        return LIBRARY_VERSION;
    }

    @Override
    public String summary() {
        return "Timefold Solver local search, one planning entity per epoch, Lagrangian warm start; no proof (FEASIBLE, no bound)";
    }

    @Override
    public List<SolverOption<?>> options() {
        return List.of(WARM_START, MOVE_LIMIT, LATE_ACCEPTANCE_SIZE);
    }

    /**
     * The state graph with its arc mask and the warm start's presolve, and the cost table's tokens per pair and grams
     * per epoch and node (the local search itself holds one entity per epoch).
     */
    @Override
    public long heapBytes(Problem problem, SolveSettings settings) {
        String warmStart = WARM_START.get(settings);
        long bytes = PreparedGraph.heapBytes(problem, settings, warmStart.equals("presolve") ? "lagrangian" : warmStart.equals("lagrangian") ? "bound" : "none");
        long nodes = problem.stateCount() + 1L;
        return HeapBudget.plus(bytes, HeapBudget.times(nodes + problem.epochCount(), nodes * Long.BYTES));
    }

    @Override
    public SolveResult solve(Problem problem, SolveSettings settings) {
        long started = System.nanoTime();
        String warmStart = WARM_START.get(settings);
        Long moveLimit = MOVE_LIMIT.get(settings);
        Long lateAcceptance = LATE_ACCEPTANCE_SIZE.get(settings);
        int lateAcceptanceSize = lateAcceptance == null ? 0 : lateAcceptance.intValue();

        Map<String, Object> statistics = new LinkedHashMap<>();
        IncumbentTrace trace = new IncumbentTrace(started);
        Plan warmPlan = null;
        StateGraph graph = new StateGraph(problem);
        if (warmStart.equals("presolve")) {
            // The plan the exact solvers' presolve ends with (within half the limit); the local search polishes it.
            Deadline deadline = new Deadline(started, PRESOLVE_SHARE * settings.timeLimitSeconds());
            PreparedGraph prepared = PreparedGraph.prepare(graph, settings, "lagrangian", deadline, seedSolvers);
            warmPlan = prepared.incumbent();
            double warmStartSeconds = (System.nanoTime() - started) / 1e9;
            statistics.put("warmStartSeconds", warmStartSeconds);
            if (warmPlan != null) {
                statistics.put("warmStartKg", PlanImprover.grams(graph, warmPlan) / 1000.0);
                statistics.put("warmStartProvenOptimal", prepared.provenOptimal());
                trace.improvedAt(warmStartSeconds, PlanImprover.grams(graph, warmPlan) / 1000.0);
            }
        } else if (warmStart.equals("lagrangian")) {
            // The warm start may take half the limit; the local search gets the rest.
            LagrangianRelaxation.Result relaxation = new LagrangianRelaxation(graph).solve(ArcMask.full(graph),
                    started + (long) (0.5 * settings.timeLimitSeconds() * 1e9));
            if (relaxation.incumbent() != null) {
                warmPlan = PlanImprover.improve(graph, relaxation.incumbent());
                statistics.put("warmStartKg", PlanImprover.grams(graph, warmPlan) / 1000.0);
            }
            double warmStartSeconds = (System.nanoTime() - started) / 1e9;
            statistics.put("warmStartSeconds", warmStartSeconds);
            if (warmPlan != null) {
                // The Lagrangian incumbent reaches the workload by construction: it is the first feasible plan.
                trace.improvedAt(warmStartSeconds, PlanImprover.grams(graph, warmPlan) / 1000.0);
            }
        }
        statistics.put("warmStart", warmPlan == null ? "none" : warmStart);

        CostTable costTable = new CostTable(graph);
        CarbonSchedule schedule = schedule(problem, costTable, warmPlan);
        SolverFactory<CarbonSchedule> factory = factory(new FactoryKey(settings.seed(), warmPlan == null, lateAcceptanceSize));
        // The limit covers the warm start and building the solver: only what is left goes to Timefold, less what
        // Timefold spends outside its own clock and reading the plan back (measured: about 10 µs per epoch).
        double afterSeconds = 0.2 + 1e-5 * problem.epochCount();
        double remainingSeconds = Math.max(0.05, settings.timeLimitSeconds() - (System.nanoTime() - started) / 1e9 - afterSeconds);
        TerminationConfig termination = new TerminationConfig().withSpentLimit(Duration.ofMillis((long) (remainingSeconds * 1000)));
        if (moveLimit != null) {
            termination.setMoveCountLimit(moveLimit);
        }
        Solver<CarbonSchedule> solver = factory.buildSolver(new SolverConfigOverride()
                .withTerminationConfig(termination));
        double[] lastImprovementSeconds = {Double.NaN};
        double gramsPerUnit = costTable.gramsPerUnit();
        solver.addEventListener(event -> {
            lastImprovementSeconds[0] = (System.nanoTime() - started) / 1e9;
            if (event.getNewBestScore() instanceof HardSoftScore score && score.hardScore() == 0) {
                // every soft constraint is grams in cost-table units: the new best plan's own objective
                trace.improved(-score.softScore() * gramsPerUnit / 1000.0);
            }
        });
        CarbonSchedule best = solver.solve(schedule);

        HardSoftScore score = best.getScore();
        boolean feasible = score != null && score.hardScore() == 0 && assigned(best);
        Plan plan = feasible ? toPlan(best) : null;
        double grams = plan == null ? Double.NaN : PlanImprover.grams(graph, plan);
        statistics.put("score", String.valueOf(score));
        statistics.put("lastImprovementSeconds", lastImprovementSeconds[0]);
        statistics.put("gramsPerUnit", costTable.gramsPerUnit());
        statistics.put("tokensPerUnit", costTable.tokensPerUnit());
        statistics.put("moveLimit", moveLimit == null ? "none" : moveLimit);
        if (solver instanceof DefaultSolver<CarbonSchedule> defaultSolver) {
            statistics.put("moveEvaluations", defaultSolver.getMoveEvaluationCount());
            statistics.put("moveEvaluationsPerSecond", defaultSolver.getMoveEvaluationSpeed());
        }
        // Multi-threaded solving is an Enterprise Edition feature; the Community Edition runs one thread.
        statistics.put("threads", 1);
        trace.addTo(statistics);
        String message = feasible ? null : "Timefold found no plan reaching the workload within the limits (best score %s)"
                .formatted(score);
        return new SolveResult(NAME, version(), feasible ? SolveStatus.FEASIBLE : SolveStatus.UNKNOWN, plan,
                grams / 1000.0, Double.NaN, (System.nanoTime() - started) / 1e9, feasible ? trace.firstSeconds() : Double.NaN, 1,
                settings.seed(), message, statistics);
    }

    /** The planning problem, with every epoch set to the warm-start plan when one is given. */
    static CarbonSchedule schedule(Problem problem, CostTable costTable, Plan warmPlan) {
        List<StateValue> states = new ArrayList<>();
        states.add(new StateValue(Problem.PAUSED, "paused"));
        for (int o = 0; o < problem.stateCount(); o++) {
            states.add(new StateValue(o, problem.stateLabel(o)));
        }
        List<EpochAssignment> epochs = new ArrayList<>();
        epochs.add(EpochAssignment.anchor(costTable, states.get(problem.initialState() + 1)));
        for (int t = 0; t < problem.epochCount(); t++) {
            StateValue state = warmPlan == null ? null : states.get(warmPlan.state(t) + 1);
            epochs.add(new EpochAssignment(t, costTable, state));
        }
        return new CarbonSchedule(states, epochs);
    }

    /** What a solver factory depends on; {@code lateAcceptanceSize} 0 keeps Timefold's default acceptor. */
    private record FactoryKey(long seed, boolean construct, int lateAcceptanceSize) {
    }

    private static final Map<FactoryKey, SolverFactory<CarbonSchedule>> FACTORIES = new ConcurrentHashMap<>();

    /** Kept per seed and phase list, so repeated solves in one JVM (a benchmark) compile the constraints once. */
    private static SolverFactory<CarbonSchedule> factory(FactoryKey key) {
        return FACTORIES.computeIfAbsent(key,
                k -> SolverFactory.create(solverConfig(k.seed(), k.construct(), k.lateAcceptanceSize())));
    }

    /** Phases, moves and seed; the termination is set per solve. */
    static SolverConfig solverConfig(long seed, boolean construct, int lateAcceptanceSize) {
        LocalSearchPhaseConfig localSearch = new LocalSearchPhaseConfig().withMoveSelectorConfig(
                new UnionMoveSelectorConfig().withMoveSelectors(
                        new ChangeMoveSelectorConfig(),
                        new SwapMoveSelectorConfig(),
                        new MoveIteratorFactoryConfig().withMoveIteratorFactoryClass(CarbonMoveIteratorFactory.class)));
        if (lateAcceptanceSize > 0) {
            localSearch.setAcceptorConfig(new LocalSearchAcceptorConfig().withLateAcceptanceSize(lateAcceptanceSize));
            localSearch.setForagerConfig(new LocalSearchForagerConfig().withAcceptedCountLimit(1));
        }
        List<ai.timefold.solver.core.config.phase.PhaseConfig> phases = new ArrayList<>();
        if (construct) {
            phases.add(new ConstructionHeuristicPhaseConfig().withConstructionHeuristicType(ConstructionHeuristicType.FIRST_FIT));
        }
        phases.add(localSearch);
        return new SolverConfig()
                .withSolutionClass(CarbonSchedule.class)
                .withEntityClasses(EpochAssignment.class)
                .withConstraintProviderClass(CarbonConstraints.class)
                .withEnvironmentMode(EnvironmentMode.NO_ASSERT)
                .withRandomSeed(seed)
                .withPhaseList(phases);
    }

    private static boolean assigned(CarbonSchedule schedule) {
        return schedule.getEpochs().stream().allMatch(epoch -> epoch.getState() != null);
    }

    static Plan toPlan(CarbonSchedule schedule) {
        int[] states = new int[(int) schedule.getEpochs().stream().filter(e -> !e.isPinned()).count()];
        for (EpochAssignment epoch : schedule.getEpochs()) {
            if (!epoch.isPinned()) {
                states[epoch.getEpoch()] = epoch.getState().state();
            }
        }
        return new Plan(states);
    }

    /** "Timefold Solver 2.2.0", read from the jar. */
    public static String versionOfLibrary() {
        try (InputStream in = SolverFactory.class.getResourceAsStream(
                "/META-INF/maven/ai.timefold.solver/timefold-solver-core/pom.properties")) {
            if (in != null) {
                Properties properties = new Properties();
                properties.load(in);
                return "Timefold Solver " + properties.getProperty("version");
            }
        } catch (IOException ignored) {
            // fall through to the package version
        }
        String version = SolverFactory.class.getPackage().getImplementationVersion();
        return "Timefold Solver " + (version == null ? "unknown" : version);
    }
}
