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
import org.carbonaware.planner.formulation.OrTools;
import org.carbonaware.planner.formulation.graph.ModelSize;
import org.carbonaware.planner.formulation.graph.PlanImprover;
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
    private static final double WORKLOAD_MARGIN = 1e-6;

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
        double gramsScale = Double.isNaN(prepared.lowerBoundGrams()) || prepared.lowerBoundGrams() <= 0
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
        MPConstraint workload = solver.makeConstraint(1 + WORKLOAD_MARGIN, MPSolver.infinity(), "workload");
        MPObjective objective = solver.objective();
        for (List<MipVariables.Arc> arcs : variables.arcsByEpoch) {
            for (MipVariables.Arc arc : arcs) {
                workload.setCoefficient(arc.variable(), graph.tokens(arc.from(), arc.to()) / graph.workloadTokens());
                objective.setCoefficient(arc.variable(), graph.grams(arc.epoch(), arc.to()) / 1000.0 / gramsScale);
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
        double remaining = Math.max(0.1, settings.timeLimitSeconds() - (System.nanoTime() - started) / 1e9);
        solver.setTimeLimit((long) Math.ceil(remaining * 1000));
        solver.setNumThreads(settings.effectiveWorkers());
        MPSolverParameters parameters = new MPSolverParameters();
        parameters.setDoubleParam(MPSolverParameters.DoubleParam.RELATIVE_MIP_GAP, 1e-9);
        if (backend.equals("HIGHS")) {
            // MPSolverParameters' gap does not reach HiGHS, whose own default (1e-4) would stop short of the optimum.
            solver.setSolverSpecificParametersAsString("output_flag=false\nmip_rel_gap=1e-9\nmip_abs_gap=0\nrandom_seed=" + Math.floorMod(settings.seed(), 2147483647L) + "\n");
        }
        MPSolver.ResultStatus status = solver.solve(parameters);

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
        double boundGrams = plan == null && solveStatus != SolveStatus.INFEASIBLE ? Double.NaN
                : objective.bestBound() * gramsScale * 1000.0;
        if (!Double.isNaN(prepared.lowerBoundGrams())) {
            boundGrams = Double.isNaN(boundGrams) ? prepared.lowerBoundGrams() : Math.max(boundGrams, prepared.lowerBoundGrams());
        }
        if (solveStatus == SolveStatus.INFEASIBLE && incumbent != null) {
            throw new IllegalStateException("%s reports the reduced model infeasible although the presolve found a plan".formatted(backend));
        }
        double firstSeconds = plan != null ? (System.nanoTime() - started) / 1e9 : Double.NaN;
        if (incumbent != null && (plan == null || PlanImprover.grams(graph, incumbent) < PlanImprover.grams(graph, plan))
                && solveStatus != SolveStatus.OPTIMAL) {
            plan = incumbent;
            solveStatus = SolveStatus.FEASIBLE;
            firstSeconds = prepared.seconds();
        }
        if (incumbent != null) {
            firstSeconds = Math.min(Double.isNaN(firstSeconds) ? Double.POSITIVE_INFINITY : firstSeconds, prepared.seconds());
        }
        double planGrams = plan == null ? Double.NaN : PlanImprover.grams(graph, plan);
        if (solveStatus == SolveStatus.OPTIMAL) {
            boundGrams = Math.min(boundGrams, planGrams);
        }
        Map<String, Object> statistics = new LinkedHashMap<>(prepared.statistics());
        statistics.put("backend", backend);
        statistics.put("mipStatus", status.name());
        statistics.put("mipWallSeconds", solver.wallTime() / 1000.0);
        statistics.put("mipVariables", solver.numVariables());
        statistics.put("mipConstraints", solver.numConstraints());
        statistics.put("mipNodes", solver.nodes());
        String message = solveStatus == SolveStatus.INFEASIBLE ? backend + " proved that no plan reaches the workload by the deadline" : null;
        SolveResult result = new SolveResult(NAME, OrTools.version() + " " + backend, solveStatus, plan, planGrams / 1000.0,
                boundGrams / 1000.0, (System.nanoTime() - started) / 1e9, firstSeconds, settings.effectiveWorkers(),
                settings.seed(), message, statistics);
        solver.delete();
        return result;
    }
}
