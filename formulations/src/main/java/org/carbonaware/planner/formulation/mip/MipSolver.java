package org.carbonaware.planner.formulation.mip;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPVariable;
import org.carbonaware.planner.common.InputException;
import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.formulation.flow.FlowFormulation;
import org.carbonaware.planner.formulation.ortools.OrTools;
import org.carbonaware.planner.solve.Deadline;
import org.carbonaware.planner.solve.PlanSolver;
import org.carbonaware.planner.solve.SolveResult;
import org.carbonaware.planner.solve.SolveSettings;
import org.carbonaware.planner.solve.SolverOption;

/**
 * The transition-flow model ({@link org.carbonaware.planner.formulation.flow.FlowModel}) through OR-Tools MPSolver
 * (HiGHS by default, SCIP or CBC on request), with the same presolve as {@code cpsat}.
 */
public final class MipSolver implements PlanSolver {

    public static final String NAME = "mip";
    private static final String SOLVER_VERSION = OrTools.version();
    public static final List<String> BACKENDS = List.of("HIGHS", "SCIP", "CBC");
    public static final SolverOption<String> BACKEND = SolverOption.choice("backend", "the MPSolver backend", "HIGHS", "SCIP", "CBC");
    public static final SolverOption<String> BACKEND_OPTIONS = SolverOption.text("backendOptions",
            "backend settings KEY=VALUE;KEY=VALUE (SCIP: name/path = value); each replaces the default setting of that key only")
            .absentMeans("1e-9 feasibility tolerances and gap, the seed (see the README)");
    /** A status number OR-Tools' Java enum does not know, e.g. "... ResultStatus with value 99". */
    private static final Pattern UNKNOWN_STATUS = Pattern.compile(".*ResultStatus with value (-?\\d+)$");

    /**
     * Backend settings: HiGHS gets its own gap (MPSolverParameters' does not reach it and its default 1e-4 stops
     * short of the optimum), a silent log and the seed; HiGHS and SCIP get a 1e-9 feasibility tolerance so the
     * workload row needs only a 2e-9 relative margin. CBC's tolerance cannot be set here; it keeps a 1e-6 margin,
     * which can exclude plans that beat the workload by less than that (a relative change of the optimum of the
     * same order).
     */
    static String tolerances(String backend, long seed) {
        return switch (backend) {
            case "HIGHS" -> "output_flag=false\nmip_rel_gap=1e-9\nmip_abs_gap=0\nprimal_feasibility_tolerance=1e-9\n"
                    + "mip_feasibility_tolerance=1e-9\nrandom_seed=" + Math.floorMod(seed, 2147483647L) + "\n";
            case "SCIP" -> "numerics/feastol = 1e-9\nlimits/gap = 1e-9\nrandomization/randomseedshift = " + Math.floorMod(seed, 2147483647L) + "\n";
            default -> "";
        };
    }

    /** The default settings with the user's {@code backendOptions} laid over them key by key. */
    static BackendSettings backendSettings(String backend, SolveSettings settings) {
        return BackendSettings.merge(tolerances(backend, settings.seed()), BACKEND_OPTIONS.get(settings), backend);
    }

    private final List<PlanSolver> seedSolvers;

    /** Without seed solvers (option {@code seeds} then has nothing to start from). */
    public MipSolver() {
        this(List.of());
    }

    /** @param seedSolvers cheap solvers whose best plan the solve starts from (the registry hands in the baselines) */
    public MipSolver(List<PlanSolver> seedSolvers) {
        this.seedSolvers = List.copyOf(seedSolvers);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String version() {
        return SOLVER_VERSION;
    }

    @Override
    public String summary() {
        return "the transition-flow model through OR-Tools MPSolver (HiGHS, SCIP or CBC) after the Lagrangian presolve; proves optimality";
    }

    @Override
    public List<SolverOption<?>> options() {
        List<SolverOption<?>> options = new ArrayList<>(FlowFormulation.MODEL_OPTIONS);
        options.add(BACKEND);
        options.add(BACKEND_OPTIONS);
        return List.copyOf(options);
    }

    /** The backend must exist in this OR-Tools build and accept every given backend setting. */
    @Override
    public void checkOptions(SolveSettings settings) {
        OrTools.load();
        String backend = BACKEND.get(settings);
        MPSolver probe = MPSolver.createSolver(backend);
        if (probe == null) {
            throw new InputException("option backend=%s of solver mip: the backend is not available in this OR-Tools build. Maybe use backend=HIGHS?"
                    .formatted(backend));
        }
        probe.delete();
        String given = BACKEND_OPTIONS.get(settings);
        if (given == null) {
            return;
        }
        BackendSettings merged = backendSettings(backend, settings);
        if (backend.equals("CBC") && !merged.userLines().isEmpty()) {
            throw new InputException("option backendOptions=%s of solver mip: CBC takes no backend settings through MPSolver. Maybe use backend=HIGHS or SCIP?"
                    .formatted(given));
        }
        if (!accepts(backend, merged.text())) {
            // Name the first setting the backend refuses on its own (HiGHS stays silent behind output_flag=false).
            String culprit = merged.userLines().stream()
                    .filter(line -> !accepts(backend, BackendSettings.merge(tolerances(backend, settings.seed()), line, backend).text()))
                    .findFirst().orElse(given);
            throw new InputException("option backendOptions of solver mip: %s rejects '%s' (unknown name or bad value). Maybe check the %s option list?"
                    .formatted(backend, culprit, backend.equals("HIGHS") ? "HiGHS" : "SCIP"));
        }
    }

    /** True when the backend takes the settings: a one-variable model is solved with them. */
    private static boolean accepts(String backend, String settingsText) {
        MPSolver solver = MPSolver.createSolver(backend);
        try {
            MPVariable x = solver.makeBoolVar("x");
            MPConstraint row = solver.makeConstraint(1, 1, "row");
            row.setCoefficient(x, 1);
            solver.objective().setCoefficient(x, 1);
            boolean set = solver.setSolverSpecificParametersAsString(settingsText);
            if (!set && backend.equals("SCIP")) {
                return false; // SCIP checks names and values when they are set; HiGHS only when it solves
            }
            try {
                return solver.solve() == MPSolver.ResultStatus.OPTIMAL;
            } catch (IllegalArgumentException e) {
                return false; // MPSOLVER_MODEL_INVALID_SOLVER_PARAMETERS is missing from the Java enum
            }
        } finally {
            solver.delete();
        }
    }

    /**
     * The status number of an {@code IllegalArgumentException} OR-Tools throws for a status its Java enum lacks;
     * any other exception is rethrown (it is a bug, not "not solved").
     */
    static String unknownStatus(IllegalArgumentException e) {
        Matcher unknown = UNKNOWN_STATUS.matcher(String.valueOf(e.getMessage()));
        if (!unknown.matches()) {
            throw e;
        }
        return unknown.group(1);
    }

    /**
     * Java heap per model arc: the variable's proxy object and its name, the arc record and list slots (estimated from
     * the objects made per arc; the model itself is native memory, outside the heap).
     */
    static final long HEAP_BYTES_PER_ARC = 150;

    @Override
    public long heapBytes(Problem problem, SolveSettings settings) {
        return FlowFormulation.heapBytes(problem, settings, HEAP_BYTES_PER_ARC);
    }

    @Override
    public SolveResult solve(Problem problem, SolveSettings settings) {
        Deadline deadline = Deadline.start(settings); // loading the natives counts against the limit
        OrTools.load();
        String backend = BACKEND.get(settings);
        MPSolver solver = MPSolver.createSolver(backend);
        if (solver == null) {
            throw new IllegalStateException("the %s backend is not available in this OR-Tools build".formatted(backend));
        }
        try {
            return FlowFormulation.solve(NAME, SOLVER_VERSION + " " + backend, problem, settings, deadline, seedSolvers, HEAP_BYTES_PER_ARC,
                    prepared -> new MipBackend(solver, backend, prepared.lowerBoundGrams()));
        } finally {
            solver.delete();
        }
    }
}
