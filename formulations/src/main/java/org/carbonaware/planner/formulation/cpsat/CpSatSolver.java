package org.carbonaware.planner.formulation.cpsat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.ortools.Loader;
import com.google.ortools.sat.BoolVar;
import com.google.ortools.sat.CpModel;
import com.google.ortools.sat.CpSolver;
import com.google.ortools.sat.CpSolverSolutionCallback;
import com.google.ortools.sat.CpSolverStatus;
import com.google.ortools.sat.LinearExpr;
import com.google.ortools.sat.LinearExprBuilder;
import com.google.ortools.sat.Literal;
import org.carbonaware.planner.domain.Plan;
import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.formulation.ortools.OrTools;
import org.carbonaware.planner.formulation.graph.ExactOutcome;
import org.carbonaware.planner.formulation.graph.ModelScaling;
import org.carbonaware.planner.formulation.graph.ModelSize;
import org.carbonaware.planner.formulation.graph.PreparedGraph;
import org.carbonaware.planner.formulation.graph.StateGraph;
import org.carbonaware.planner.solve.PlanSolver;
import org.carbonaware.planner.solve.SolveResult;
import org.carbonaware.planner.solve.SolveSettings;
import org.carbonaware.planner.solve.SolveStatus;

/**
 * CP-SAT on the transition-flow model: a literal per arc (epoch, previous state, state), flow conservation
 * between consecutive epochs, the workload as one linear row and the grams as the objective. The Lagrangian
 * presolve supplies the hint, an objective lower bound and the reduced arc set (see {@link PreparedGraph}).
 */
public final class CpSatSolver implements PlanSolver {

    public static final String NAME = "cpsat";
    private static final String SOLVER_VERSION = OrTools.version();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SolveResult solve(Problem problem, SolveSettings settings) {
        OrTools.load();
        long started = System.nanoTime();
        PreparedGraph prepared = PreparedGraph.prepare(problem, settings);
        StateGraph graph = prepared.graph();
        double remainingSeconds = settings.timeLimitSeconds() - (System.nanoTime() - started) / 1e9;
        if (prepared.incumbent() != null && !ModelSize.fits(prepared.arcsAfter(), remainingSeconds, settings)) {
            return ModelSize.presolveOnly(NAME, SOLVER_VERSION, problem, prepared, settings, started);
        }
        ModelScaling scaling = ModelScaling.of(graph, prepared.lowerBoundGrams());
        CpModel model = new CpModel();
        CpSatVariables variables = new CpSatVariables();

        // Variables: one literal per surviving arc.
        for (int t = 0; t < graph.epochCount(); t++) {
            List<CpSatVariables.Arc> arcs = new ArrayList<>();
            for (int a = 0; a < graph.nodeCount(); a++) {
                for (int b = 0; b < graph.nodeCount(); b++) {
                    if (prepared.mask().alive(t, a, b)) {
                        arcs.add(new CpSatVariables.Arc(t, a, b, model.newBoolVar("y_" + t + "_" + a + "_" + b)));
                    }
                }
            }
            variables.arcsByEpoch.add(arcs);
        }

        // Constraints: one arc per epoch, flow conservation, workload.
        for (List<CpSatVariables.Arc> arcs : variables.arcsByEpoch) {
            model.addExactlyOne(arcs.stream().map(CpSatVariables.Arc::literal).toArray(Literal[]::new));
        }
        for (int t = 0; t + 1 < graph.epochCount(); t++) {
            for (int b = 0; b < graph.nodeCount(); b++) {
                LinearExprBuilder inflow = LinearExpr.newBuilder();
                LinearExprBuilder outflow = LinearExpr.newBuilder();
                boolean any = false;
                for (CpSatVariables.Arc arc : variables.arcsByEpoch.get(t)) {
                    if (arc.to() == b) {
                        inflow.add(arc.literal());
                        any = true;
                    }
                }
                for (CpSatVariables.Arc arc : variables.arcsByEpoch.get(t + 1)) {
                    if (arc.from() == b) {
                        outflow.add(arc.literal());
                        any = true;
                    }
                }
                if (any) {
                    model.addEquality(inflow, outflow);
                }
            }
        }
        LinearExprBuilder tokens = LinearExpr.newBuilder();
        LinearExprBuilder grams = LinearExpr.newBuilder();
        for (List<CpSatVariables.Arc> arcs : variables.arcsByEpoch) {
            for (CpSatVariables.Arc arc : arcs) {
                long arcTokens = scaling.tokensDown(graph.tokens(arc.from(), arc.to()));
                if (arcTokens != 0) {
                    tokens.addTerm(arc.literal(), arcTokens);
                }
                long arcGrams = scaling.grams(graph.grams(arc.epoch(), arc.from(), arc.to()));
                if (arcGrams != 0) {
                    grams.addTerm(arc.literal(), arcGrams);
                }
            }
        }
        model.addGreaterOrEqual(tokens, scaling.tokensUp(graph.workloadTokens()));

        // Objective: grams, bounded below by the Lagrangian bound (a valid cut, shifted by the rounding error).
        LinearExpr objective = grams.build();
        if (Double.isFinite(prepared.lowerBoundGrams())) {
            long bound = (long) Math.floor((prepared.lowerBoundGrams() - 2 * scaling.maxCostErrorGrams()) / scaling.gramsPerUnit());
            model.addGreaterOrEqual(objective, Math.max(0, bound));
        }
        model.minimize(objective);
        Plan incumbent = prepared.incumbent();
        if (incumbent != null) {
            for (List<CpSatVariables.Arc> arcs : variables.arcsByEpoch) {
                for (CpSatVariables.Arc arc : arcs) {
                    int from = arc.epoch() == 0 ? graph.initialNode() : StateGraph.node(incumbent.state(arc.epoch() - 1));
                    boolean used = arc.from() == from && arc.to() == StateGraph.node(incumbent.state(arc.epoch()));
                    model.addHint(arc.literal(), used);
                }
            }
        }

        // Solve.
        double remaining = ExactOutcome.modelSeconds(prepared, settings.timeLimitSeconds(),
                settings.timeLimitSeconds() - (System.nanoTime() - started) / 1e9);
        CpSolver solver = new CpSolver();
        solver.getParameters().setMaxTimeInSeconds(remaining);
        solver.getParameters().setNumWorkers(settings.effectiveWorkers());
        solver.getParameters().setRandomSeed((int) settings.seed());
        double[] firstSolutionSeconds = {Double.NaN};
        CpSolverStatus status = solver.solve(model, new CpSolverSolutionCallback() {
            @Override
            public void onSolutionCallback() {
                if (Double.isNaN(firstSolutionSeconds[0])) {
                    firstSolutionSeconds[0] = (System.nanoTime() - started) / 1e9;
                }
            }
        });

        // Extraction.
        Plan plan = null;
        if (status == CpSolverStatus.OPTIMAL || status == CpSolverStatus.FEASIBLE) {
            int[] states = new int[graph.epochCount()];
            for (int t = 0; t < graph.epochCount(); t++) {
                for (CpSatVariables.Arc arc : variables.arcsByEpoch.get(t)) {
                    if (solver.booleanValue(arc.literal())) {
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
            case MODEL_INVALID -> throw new IllegalStateException("CP-SAT rejected the model: " + model.validate());
            default -> SolveStatus.UNKNOWN;
        };
        double modelBound = plan == null && solveStatus != SolveStatus.INFEASIBLE ? Double.NaN
                : solver.bestObjectiveBound() * scaling.gramsPerUnit() - scaling.maxCostErrorGrams();
        ExactOutcome outcome = ExactOutcome.combine(prepared, solveStatus, plan, modelBound, "cp-sat");
        if (outcome.presolvePlanUsed() && Double.isNaN(firstSolutionSeconds[0])) {
            firstSolutionSeconds[0] = prepared.seconds();
        }
        Map<String, Object> statistics = new LinkedHashMap<>(prepared.statistics());
        outcome.addTo(statistics);
        statistics.put("cpsatStatus", status.name());
        statistics.put("cpsatWallSeconds", solver.wallTime());
        statistics.put("cpsatBooleans", variables.arcsByEpoch.stream().mapToLong(List::size).sum());
        statistics.put("cpsatConflicts", solver.numConflicts());
        statistics.put("cpsatBranches", solver.numBranches());
        statistics.put("gramsPerUnit", scaling.gramsPerUnit());
        statistics.put("tokensPerUnit", scaling.tokensPerUnit());
        statistics.put("maxRoundingErrorKg", scaling.maxCostErrorGrams() / 1000.0);
        String message = outcome.status() == SolveStatus.INFEASIBLE ? "CP-SAT proved that no plan reaches the workload by the deadline" : null;
        return new SolveResult(NAME, SOLVER_VERSION, outcome.status(), outcome.plan(), outcome.planGrams() / 1000.0,
                outcome.boundGrams() / 1000.0,
                (System.nanoTime() - started) / 1e9, firstSolutionSeconds[0], settings.effectiveWorkers(), settings.seed(),
                message, statistics);
    }
}
