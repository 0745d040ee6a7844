package org.carbonaware.planner.formulation.flow;

import java.util.List;
import java.util.Map;

import org.carbonaware.planner.solve.IncumbentTrace;
import org.carbonaware.planner.solve.SolveSettings;
import org.carbonaware.planner.solve.SolveStatus;

/**
 * What the transition-flow model needs from a solver library: 0/1 variables, three kinds of linear rows, a linear
 * objective, a hint, a solve and the values. {@link FlowModel} states the model once; a backend only translates
 * it (and scales its coefficients the way its library needs).
 *
 * @param <V> the library's variable type
 */
public interface FlowBackend<V> {

    /** The 0/1 variable of the arc {@code fromNode → toNode} into {@code epoch}. */
    V newArc(int epoch, int fromNode, int toNode);

    /** Σ arcs = 1. */
    void addExactlyOne(List<V> arcs);

    /**
     * Σ arcs = 1 where the other rows already imply it; a backend may add it to propagate faster (CP-SAT) or
     * leave it out (an LP gains nothing from it).
     */
    default void addImpliedExactlyOne(List<V> arcs) {
    }

    /** Σ inflow = Σ outflow. */
    void addFlowConservation(List<V> inflow, List<V> outflow);

    /**
     * Σ tokens[i]·arcs[i] ≥ workloadTokens. A backend that rounds or relaxes must do so in the direction that keeps
     * every plan it returns truly feasible.
     */
    void addWorkload(List<V> arcs, double[] tokens, double workloadTokens);

    /**
     * Minimise Σ grams[i]·arcs[i]. {@code lowerBoundGrams} is a proven bound on the optimum (NaN when there is none)
     * that the backend may add as a cut.
     */
    void minimiseGrams(List<V> arcs, double[] grams, double lowerBoundGrams);

    /** A solution hint: {@code used[i]} for {@code arcs.get(i)}. */
    void hint(List<V> arcs, boolean[] used);

    /**
     * Solves within {@code seconds}; every improving solution the library reports goes into {@code trace}.
     *
     * @return the library's status mapped to ours
     */
    SolveStatus solve(double seconds, SolveSettings settings, IncumbentTrace trace);

    /** The value of an arc's variable in the solution found (0 or 1 up to the library's tolerance). */
    double value(V arc);

    /** The library's own proven lower bound on the grams, not clamped to any plan; NaN when it has none. */
    double bestBoundGrams();

    /** Names the library in {@code provenBy}, e.g. "cp-sat" or "HIGHS". */
    String proverName();

    /** The library's figures (status, wall time, model size, search effort) for the solution's statistics. */
    void addStatistics(Map<String, Object> statistics);
}
