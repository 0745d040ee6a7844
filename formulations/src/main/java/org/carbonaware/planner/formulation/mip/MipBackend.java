package org.carbonaware.planner.formulation.mip;

import java.util.List;
import java.util.Map;

import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPSolverParameters;
import com.google.ortools.linearsolver.MPVariable;
import org.carbonaware.planner.formulation.flow.FlowBackend;
import org.carbonaware.planner.solve.IncumbentTrace;
import org.carbonaware.planner.solve.SolveSettings;
import org.carbonaware.planner.solve.SolveStatus;

/**
 * The flow model in MPSolver: real coefficients, the workload row normalised by the workload and asking for
 * 1 + margin (so the backend's feasibility tolerance cannot leave a plan short), grams in units of a thousandth of
 * the presolve's bound so the objective is of order 1000. MPSolver reports no intermediate solutions; the final
 * plan is the one improvement this backend records.
 */
final class MipBackend implements FlowBackend<MPVariable> {

    /** Relative excess asked of the workload row, above the backend's feasibility tolerance (see {@link MipSolver#tolerances}). */
    private static final double TIGHT_WORKLOAD_MARGIN = 2e-9;
    private static final double CBC_WORKLOAD_MARGIN = 1e-6;

    private final MPSolver solver;
    private final String backend;
    private final double gramsScale;
    private MPSolver.ResultStatus status;
    private String rawStatus;
    private BackendSettings backendSettings;

    /**
     * @param lowerBoundGrams the presolve's bound, which sets the objective's scale (NaN when none)
     */
    MipBackend(MPSolver solver, String backend, double lowerBoundGrams) {
        this.solver = solver;
        this.backend = backend;
        this.gramsScale = !Double.isFinite(lowerBoundGrams) || lowerBoundGrams <= 0 ? 1.0 : lowerBoundGrams / 1000.0;
    }

    @Override
    public MPVariable newArc(int epoch, int fromNode, int toNode) {
        return solver.makeBoolVar("y_" + epoch + "_" + fromNode + "_" + toNode);
    }

    @Override
    public void addExactlyOne(List<MPVariable> arcs) {
        MPConstraint row = solver.makeConstraint(1, 1);
        arcs.forEach(arc -> row.setCoefficient(arc, 1));
    }

    @Override
    public void addFlowConservation(List<MPVariable> inflow, List<MPVariable> outflow) {
        MPConstraint row = solver.makeConstraint(0, 0);
        inflow.forEach(arc -> row.setCoefficient(arc, 1));
        outflow.forEach(arc -> row.setCoefficient(arc, -1));
    }

    @Override
    public void addWorkload(List<MPVariable> arcs, double[] tokens, double workloadTokens) {
        double margin = backend.equals("CBC") ? CBC_WORKLOAD_MARGIN : TIGHT_WORKLOAD_MARGIN;
        MPConstraint row = solver.makeConstraint(1 + margin, MPSolver.infinity(), "workload");
        for (int i = 0; i < tokens.length; i++) {
            row.setCoefficient(arcs.get(i), tokens[i] / workloadTokens);
        }
    }

    /** No objective cut: a dense row of the bound would weaken HiGHS's LP, and the bound is only the presolve's. */
    @Override
    public void minimiseGrams(List<MPVariable> arcs, double[] grams, double lowerBoundGrams) {
        MPObjective objective = solver.objective();
        for (int i = 0; i < grams.length; i++) {
            objective.setCoefficient(arcs.get(i), grams[i] / 1000.0 / gramsScale);
        }
        objective.setMinimization();
    }

    /** HiGHS crashes on hints in OR-Tools 9.15 (HighsSolveProto), so only SCIP and CBC get the incumbent. */
    @Override
    public void hint(List<MPVariable> arcs, boolean[] used) {
        if (backend.equals("HIGHS")) {
            return;
        }
        double[] values = new double[used.length];
        for (int i = 0; i < used.length; i++) {
            values[i] = used[i] ? 1.0 : 0.0;
        }
        solver.setHint(arcs.toArray(MPVariable[]::new), values);
    }

    @Override
    public SolveStatus solve(double seconds, SolveSettings settings, IncumbentTrace trace) {
        solver.setTimeLimit((long) Math.ceil(seconds * 1000));
        if (!backend.equals("CBC")) {
            // CBC through MPSolver rejects the threads setting (and prints so on stdout); it runs single-threaded.
            solver.setNumThreads(settings.effectiveWorkers());
        }
        MPSolverParameters parameters = new MPSolverParameters();
        parameters.setDoubleParam(MPSolverParameters.DoubleParam.RELATIVE_MIP_GAP, 1e-9);
        // backendOptions replaces the default settings of the keys it names and keeps the others.
        backendSettings = MipSolver.backendSettings(backend, settings);
        solver.setSolverSpecificParametersAsString(backendSettings.text());
        try {
            status = solver.solve(parameters);
        } catch (IllegalArgumentException e) {
            // OR-Tools 9.15's Java enum lacks MPSOLVER_UNKNOWN_STATUS (99), which HiGHS returns when it stops at the
            // time limit: that is "no model plan". Any other failure is a bug and propagates.
            rawStatus = MipSolver.unknownStatus(e);
            status = MPSolver.ResultStatus.NOT_SOLVED;
        }
        SolveStatus ours = switch (status) {
            case OPTIMAL -> SolveStatus.OPTIMAL;
            case FEASIBLE -> SolveStatus.FEASIBLE;
            case INFEASIBLE -> SolveStatus.INFEASIBLE;
            default -> SolveStatus.UNKNOWN;
        };
        if (ours.hasPlan()) {
            trace.improved(solver.objective().value() * gramsScale);
        }
        return ours;
    }

    @Override
    public double value(MPVariable arc) {
        return arc.solutionValue();
    }

    /** The backend's dual bound; only read when it solved (MPSolver's value is undefined otherwise). */
    @Override
    public double bestBoundGrams() {
        boolean solved = status == MPSolver.ResultStatus.OPTIMAL || status == MPSolver.ResultStatus.FEASIBLE;
        return solved ? solver.objective().bestBound() * gramsScale * 1000.0 : Double.NaN;
    }

    @Override
    public String proverName() {
        return backend;
    }

    @Override
    public void addStatistics(Map<String, Object> statistics) {
        statistics.put("backend", backend);
        statistics.put("mipStatus", rawStatus == null ? status.name() : "UNKNOWN_STATUS_" + rawStatus);
        statistics.put("backendOptions", backendSettings.text().strip().replace('\n', ';'));
        statistics.put("backendOptionsReplaced", backendSettings.replacedKeys());
        statistics.put("mipWallSeconds", solver.wallTime() / 1000.0);
        statistics.put("mipVariables", solver.numVariables());
        statistics.put("mipConstraints", solver.numConstraints());
        statistics.put("mipNodes", solver.nodes());
    }
}
