package org.carbonaware.planner.formulation.cpsat;

import java.util.List;

import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.formulation.flow.FlowFormulation;
import org.carbonaware.planner.formulation.graph.ModelScaling;
import org.carbonaware.planner.formulation.ortools.OrTools;
import org.carbonaware.planner.solve.Deadline;
import org.carbonaware.planner.solve.PlanSolver;
import org.carbonaware.planner.solve.SolveResult;
import org.carbonaware.planner.solve.SolveSettings;
import org.carbonaware.planner.solve.SolverOption;

/**
 * CP-SAT on the transition-flow model ({@link org.carbonaware.planner.formulation.flow.FlowModel}); the
 * Lagrangian presolve supplies the hint, an objective lower bound and the reduced arc set.
 */
public final class CpSatSolver implements PlanSolver {

    public static final String NAME = "cpsat";
    private static final String SOLVER_VERSION = OrTools.version();

    private final List<PlanSolver> seedSolvers;

    /** Without seed solvers (option {@code seeds} then has nothing to start from). */
    public CpSatSolver() {
        this(List.of());
    }

    /** @param seedSolvers cheap solvers whose best plan the solve starts from (the registry hands in the baselines) */
    public CpSatSolver(List<PlanSolver> seedSolvers) {
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
        return "OR-Tools CP-SAT on the transition-flow model after the Lagrangian presolve; proves optimality";
    }

    @Override
    public List<SolverOption<?>> options() {
        return FlowFormulation.MODEL_OPTIONS;
    }

    /**
     * Java heap per model arc: the literal and its variable proto (with its name and domain), its five constraint and
     * objective terms and the hint, the arc record and list slots, and the built copy of the model handed to CP-SAT
     * (estimated from the objects made per arc; CP-SAT's own copy is native memory, outside the heap).
     */
    static final long HEAP_BYTES_PER_ARC = 400;

    @Override
    public long heapBytes(Problem problem, SolveSettings settings) {
        return FlowFormulation.heapBytes(problem, settings, HEAP_BYTES_PER_ARC);
    }

    @Override
    public SolveResult solve(Problem problem, SolveSettings settings) {
        Deadline deadline = Deadline.start(settings); // loading the natives counts against the limit
        OrTools.load();
        return FlowFormulation.solve(NAME, SOLVER_VERSION, problem, settings, deadline, seedSolvers, HEAP_BYTES_PER_ARC,
                prepared -> new CpSatBackend(ModelScaling.of(prepared.graph(), prepared.lowerBoundGrams())));
    }
}
