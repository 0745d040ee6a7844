package org.carbonaware.planner.formulation.mip;

import java.util.List;
import java.util.Locale;

import com.google.ortools.linearsolver.MPSolver;
import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.formulation.flow.FlowFormulation;
import org.carbonaware.planner.formulation.ortools.OrTools;
import org.carbonaware.planner.solve.PlanSolver;
import org.carbonaware.planner.solve.SolveResult;
import org.carbonaware.planner.solve.SolveSettings;

/**
 * The transition-flow model ({@link org.carbonaware.planner.formulation.flow.FlowModel}) through OR-Tools MPSolver
 * (HiGHS by default, SCIP or CBC on request), with the same presolve as {@code cpsat}.
 */
public final class MipSolver implements PlanSolver {

    public static final String NAME = "mip";
    private static final String SOLVER_VERSION = OrTools.version();
    public static final String BACKEND_PARAMETER = "backend";
    public static final List<String> BACKENDS = List.of("HIGHS", "SCIP", "CBC");

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

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SolveResult solve(Problem problem, SolveSettings settings) {
        OrTools.load();
        String backend = settings.parameter(BACKEND_PARAMETER, "HIGHS").toUpperCase(Locale.ROOT);
        if (!BACKENDS.contains(backend)) {
            throw new IllegalArgumentException("backend must be one of %s, got '%s'".formatted(BACKENDS, backend));
        }
        MPSolver solver = MPSolver.createSolver(backend);
        if (solver == null) {
            throw new IllegalArgumentException("the %s backend is not available in this OR-Tools build. Maybe use --backend HIGHS?".formatted(backend));
        }
        try {
            return FlowFormulation.solve(NAME, SOLVER_VERSION + " " + backend, problem, settings,
                    prepared -> new MipBackend(solver, backend, prepared.lowerBoundGrams()));
        } finally {
            solver.delete();
        }
    }
}
