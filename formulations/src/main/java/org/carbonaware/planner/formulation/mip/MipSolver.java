package org.carbonaware.planner.formulation.mip;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPSolverParameters;
import com.google.ortools.linearsolver.MPVariable;
import org.carbonaware.planner.domain.Plan;
import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.formulation.ortools.OrTools;
import org.carbonaware.planner.formulation.graph.ExactOutcome;
import org.carbonaware.planner.formulation.graph.ModelSize;
import org.carbonaware.planner.formulation.graph.PreparedGraph;
import org.carbonaware.planner.formulation.graph.StateGraph;
import org.carbonaware.planner.solve.PlanSolver;
import org.carbonaware.planner.solve.SolveResult;
import org.carbonaware.planner.solve.SolveSettings;
import org.carbonaware.planner.solve.SolveStatus;

/**
 * The transition-flow model through OR-Tools MPSolver (HiGHS by default, SCIP or CBC on request). Same model and
 * presolve as {@code cpsat}; the workload row is normalised by the workload and asks for 1 + 1e-6 so that the
 * backend's feasibility tolerance cannot leave the plan short.
 */
public final class MipSolver implements PlanSolver {

    public static final String NAME = "mip";
    private static final String SOLVER_VERSION = OrTools.version();
    public static final String BACKEND_PARAMETER = "backend";
    public static final List<String> BACKENDS = List.of("HIGHS", "SCIP", "CBC");
    /** Relative excess asked of the workload row, above the backend's feasibility tolerance (see {@link #tolerances}). */
    private static final double TIGHT_WORKLOAD_MARGIN = 2e-9;
    private static final double CBC_WORKLOAD_MARGIN = 1e-6;

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
        long started = System.nanoTime();
        String backend = settings.parameter(BACKEND_PARAMETER, "HIGHS").toUpperCase(Locale.ROOT);
        if (!BACKENDS.contains(backend)) {
            throw new IllegalArgumentException("backend must be one of %s, got '%s'".formatted(BACKENDS, backend));
        }
        MPSolver solver = MPSolver.createSolver(backend);
        if (solver == null) {
            throw new IllegalArgumentException("the %s backend is not available in this OR-Tools build. Maybe use --backend HIGHS?".formatted(backend));
        }
        PreparedGraph prepared = PreparedGraph.prepare(problem, settings);
        StateGraph graph = prepared.graph();
        double remainingSeconds = settings.timeLimitSeconds() - (System.nanoTime() - started) / 1e9;
        if (prepared.incumbent() != null && !ModelSize.fits(prepared.arcsAfter(), remainingSeconds, settings)) {
            solver.delete();
            return ModelSize.presolveOnly(NAME, SOLVER_VERSION, problem, prepared, settings, started);
        }
        MipVariables variables = new MipVariables();
        double gramsScale = !Double.isFinite(prepared.lowerBoundGrams()) || prepared.lowerBoundGrams() <= 0
                ? 1.0 : prepared.lowerBoundGrams() / 1000.0;

        // Variables.
        for (int t = 0; t < graph.epochCount(); t++) {
            List<MipVariables.Arc> arcs = new ArrayList<>();
            for (int a = 0; a < graph.nodeCount(); a++) {
                for (int b = 0; b < graph.nodeCount(); b++) {
                    if (prepared.mask().alive(t, a, b)) {
                        arcs.add(new MipVariables.Arc(t, a, b, solver.makeBoolVar("y_" + t + "_" + a + "_" + b)));
                    }
                }
            }
            variables.arcsByEpoch.add(arcs);
        }

        // Constraints: the first epoch leaves the initial node once, flow conservation, workload.
        MPConstraint first = solver.makeConstraint(1, 1, "start");
        for (MipVariables.Arc arc : variables.arcsByEpoch.get(0)) {
            first.setCoefficient(arc.variable(), 1);
        }
        for (int t = 0; t + 1 < graph.epochCount(); t++) {
            for (int b = 0; b < graph.nodeCount(); b++) {
                MPConstraint flow = solver.makeConstraint(0, 0, "flow_" + t + "_" + b);
                for (MipVariables.Arc arc : variables.arcsByEpoch.get(t)) {
                    if (arc.to() == b) {
                        flow.setCoefficient(arc.variable(), 1);
                    }
                }
                for (MipVariables.Arc arc : variables.arcsByEpoch.get(t + 1)) {
                    if (arc.from() == b) {
                        flow.setCoefficient(arc.variable(), -1);
                    }
                }
            }
        }
        double margin = backend.equals("CBC") ? CBC_WORKLOAD_MARGIN : TIGHT_WORKLOAD_MARGIN;
        MPConstraint workload = solver.makeConstraint(1 + margin, MPSolver.infinity(), "workload");
        MPObjective objective = solver.objective();
        for (List<MipVariables.Arc> arcs : variables.arcsByEpoch) {
            for (MipVariables.Arc arc : arcs) {
                workload.setCoefficient(arc.variable(), graph.tokens(arc.from(), arc.to()) / graph.workloadTokens());
                objective.setCoefficient(arc.variable(), graph.grams(arc.epoch(), arc.from(), arc.to()) / 1000.0 / gramsScale);
            }
        }

        // Objective.
        objective.setMinimization();
        Plan incumbent = prepared.incumbent();
        // HiGHS crashes on hints in OR-Tools 9.15 (HighsSolveProto), so only SCIP and CBC get the incumbent.
        if (incumbent != null && !backend.equals("HIGHS")) {
            List<MPVariable> hinted = new ArrayList<>();
            List<Double> values = new ArrayList<>();
            for (List<MipVariables.Arc> arcs : variables.arcsByEpoch) {
                for (MipVariables.Arc arc : arcs) {
                    int from = arc.epoch() == 0 ? graph.initialNode() : StateGraph.node(incumbent.state(arc.epoch() - 1));
                    boolean used = arc.from() == from && arc.to() == StateGraph.node(incumbent.state(arc.epoch()));
                    hinted.add(arc.variable());
                    values.add(used ? 1.0 : 0.0);
                }
            }
            solver.setHint(hinted.toArray(MPVariable[]::new), values.stream().mapToDouble(Double::doubleValue).toArray());
        }

        // Solve.
        double remaining = ExactOutcome.modelSeconds(prepared, settings.timeLimitSeconds(),
                settings.timeLimitSeconds() - (System.nanoTime() - started) / 1e9);
        solver.setTimeLimit((long) Math.ceil(remaining * 1000));
        if (!backend.equals("CBC")) {
            // CBC through MPSolver rejects the threads setting (and prints so on stdout); it runs single-threaded.
            solver.setNumThreads(settings.effectiveWorkers());
        }
        MPSolverParameters parameters = new MPSolverParameters();
        parameters.setDoubleParam(MPSolverParameters.DoubleParam.RELATIVE_MIP_GAP, 1e-9);
        // --param backendOptions=... replaces the backend-specific settings (newlines written as ';').
        solver.setSolverSpecificParametersAsString(settings.parameter("backendOptions", tolerances(backend, settings.seed()))
                .replace(';', '\n'));
        MPSolver.ResultStatus status;
        try {
            status = solver.solve(parameters);
        } catch (IllegalArgumentException e) {
            // OR-Tools 9.15's Java enum lacks MPSOLVER_UNKNOWN_STATUS (99), which HiGHS returns when it stops at the
            // time limit: treat it as "no model plan".
            status = MPSolver.ResultStatus.NOT_SOLVED;
        }

        // Extraction.
        Plan plan = null;
        if (status == MPSolver.ResultStatus.OPTIMAL || status == MPSolver.ResultStatus.FEASIBLE) {
            int[] states = new int[graph.epochCount()];
            for (int t = 0; t < graph.epochCount(); t++) {
                double best = -1;
                for (MipVariables.Arc arc : variables.arcsByEpoch.get(t)) {
                    if (arc.variable().solutionValue() > best) {
                        best = arc.variable().solutionValue();
                        states[t] = StateGraph.state(arc.to());
                    }
                }
            }
            plan = new Plan(states);
        }
        SolveStatus solveStatus = switch (status) {
            case OPTIMAL -> SolveStatus.OPTIMAL;
            case FEASIBLE -> SolveStatus.FEASIBLE;
            case INFEASIBLE -> SolveStatus.INFEASIBLE;
            default -> SolveStatus.UNKNOWN;
        };
        double modelBound = plan == null && solveStatus != SolveStatus.INFEASIBLE ? Double.NaN
                : objective.bestBound() * gramsScale * 1000.0;
        ExactOutcome outcome = ExactOutcome.combine(prepared, solveStatus, plan, modelBound, backend);
        double firstSeconds = plan != null ? (System.nanoTime() - started) / 1e9 : Double.NaN;
        if (incumbent != null) {
            firstSeconds = Double.isNaN(firstSeconds) ? prepared.seconds() : Math.min(firstSeconds, prepared.seconds());
        }
        Map<String, Object> statistics = new LinkedHashMap<>(prepared.statistics());
        outcome.addTo(statistics);
        statistics.put("backend", backend);
        statistics.put("mipStatus", status.name());
        statistics.put("mipWallSeconds", solver.wallTime() / 1000.0);
        statistics.put("mipVariables", solver.numVariables());
        statistics.put("mipConstraints", solver.numConstraints());
        statistics.put("mipNodes", solver.nodes());
        String message = outcome.status() == SolveStatus.INFEASIBLE ? backend + " proved that no plan reaches the workload by the deadline" : null;
        SolveResult result = new SolveResult(NAME, SOLVER_VERSION + " " + backend, outcome.status(), outcome.plan(),
                outcome.planGrams() / 1000.0, outcome.boundGrams() / 1000.0, (System.nanoTime() - started) / 1e9, firstSeconds, settings.effectiveWorkers(),
                settings.seed(), message, statistics);
        solver.delete();
        return result;
    }
}
