package org.carbonaware.planner.formulation.cpsat;

import java.util.List;
import java.util.Map;
import java.util.function.DoubleToLongFunction;

import com.google.ortools.sat.BoolVar;
import com.google.ortools.sat.CpModel;
import com.google.ortools.sat.CpSolver;
import com.google.ortools.sat.CpSolverSolutionCallback;
import com.google.ortools.sat.CpSolverStatus;
import com.google.ortools.sat.LinearExpr;
import com.google.ortools.sat.LinearExprBuilder;
import com.google.ortools.sat.Literal;
import org.carbonaware.planner.formulation.flow.FlowBackend;
import org.carbonaware.planner.formulation.graph.ModelScaling;
import org.carbonaware.planner.solve.IncumbentTrace;
import org.carbonaware.planner.solve.SolveSettings;
import org.carbonaware.planner.solve.SolveStatus;

/**
 * The flow model in CP-SAT: a Boolean literal per arc, integer coefficients from {@link ModelScaling} (arc tokens
 * rounded down and the workload up, so every plan is truly feasible), the presolve's bound as an objective cut
 * and a solution callback that records every improving solution.
 */
final class CpSatBackend implements FlowBackend<BoolVar> {

    private final CpModel model = new CpModel();
    private final CpSolver solver = new CpSolver();
    private final ModelScaling scaling;
    private CpSolverStatus status;
    private long booleans;

    CpSatBackend(ModelScaling scaling) {
        this.scaling = scaling;
    }

    @Override
    public BoolVar newArc(int epoch, int fromNode, int toNode) {
        booleans++;
        return model.newBoolVar("y_" + epoch + "_" + fromNode + "_" + toNode);
    }

    @Override
    public void addExactlyOne(List<BoolVar> arcs) {
        model.addExactlyOne(arcs.toArray(Literal[]::new));
    }

    /** Redundant, but lets CP-SAT propagate one arc per epoch directly. */
    @Override
    public void addImpliedExactlyOne(List<BoolVar> arcs) {
        addExactlyOne(arcs);
    }

    @Override
    public void addFlowConservation(List<BoolVar> inflow, List<BoolVar> outflow) {
        model.addEquality(LinearExpr.sum(inflow.toArray(Literal[]::new)), LinearExpr.sum(outflow.toArray(Literal[]::new)));
    }

    @Override
    public void addWorkload(List<BoolVar> arcs, double[] tokens, double workloadTokens) {
        model.addGreaterOrEqual(weighted(arcs, tokens, scaling::tokensDown), scaling.tokensUp(workloadTokens));
    }

    @Override
    public void minimiseGrams(List<BoolVar> arcs, double[] grams, double lowerBoundGrams) {
        LinearExpr objective = weighted(arcs, grams, scaling::grams);
        if (Double.isFinite(lowerBoundGrams)) {
            // A valid cut, shifted by the largest rounding error of a path.
            long bound = (long) Math.floor((lowerBoundGrams - 2 * scaling.maxCostErrorGrams()) / scaling.gramsPerUnit());
            model.addGreaterOrEqual(objective, Math.max(0, bound));
        }
        model.minimize(objective);
    }

    /** Σ units(weights[i])·arcs[i], leaving out zero terms. */
    private static LinearExpr weighted(List<BoolVar> arcs, double[] weights, DoubleToLongFunction units) {
        LinearExprBuilder sum = LinearExpr.newBuilder();
        for (int i = 0; i < weights.length; i++) {
            long coefficient = units.applyAsLong(weights[i]);
            if (coefficient != 0) {
                sum.addTerm(arcs.get(i), coefficient);
            }
        }
        return sum.build();
    }

    @Override
    public void hint(List<BoolVar> arcs, boolean[] used) {
        for (int i = 0; i < used.length; i++) {
            model.addHint(arcs.get(i), used[i]);
        }
    }

    @Override
    public SolveStatus solve(double seconds, SolveSettings settings, IncumbentTrace trace) {
        solver.getParameters().setMaxTimeInSeconds(seconds);
        solver.getParameters().setNumWorkers(settings.effectiveWorkers());
        solver.getParameters().setRandomSeed((int) settings.seed());
        double gramsPerUnit = scaling.gramsPerUnit();
        status = solver.solve(model, new CpSolverSolutionCallback() {
            @Override
            public void onSolutionCallback() {
                trace.improved(objectiveValue() * gramsPerUnit / 1000.0);
            }
        });
        return switch (status) {
            case OPTIMAL -> SolveStatus.OPTIMAL;
            case FEASIBLE -> SolveStatus.FEASIBLE;
            case INFEASIBLE -> SolveStatus.INFEASIBLE;
            case MODEL_INVALID -> throw new IllegalStateException("CP-SAT rejected the model: " + model.validate());
            default -> SolveStatus.UNKNOWN;
        };
    }

    @Override
    public double value(BoolVar arc) {
        return solver.booleanValue(arc) ? 1 : 0;
    }

    /** CP-SAT's objective bound in grams, lowered by the largest rounding error so that it bounds the real grams. */
    @Override
    public double bestBoundGrams() {
        return solver.bestObjectiveBound() * scaling.gramsPerUnit() - scaling.maxCostErrorGrams();
    }

    @Override
    public String proverName() {
        return "cp-sat";
    }

    @Override
    public void addStatistics(Map<String, Object> statistics) {
        statistics.put("cpsatStatus", status.name());
        statistics.put("cpsatWallSeconds", solver.wallTime());
        statistics.put("cpsatBooleans", booleans);
        statistics.put("cpsatConflicts", solver.numConflicts());
        statistics.put("cpsatBranches", solver.numBranches());
        statistics.put("gramsPerUnit", scaling.gramsPerUnit());
        statistics.put("tokensPerUnit", scaling.tokensPerUnit());
        statistics.put("maxRoundingErrorKg", scaling.maxCostErrorGrams() / 1000.0);
    }
}
