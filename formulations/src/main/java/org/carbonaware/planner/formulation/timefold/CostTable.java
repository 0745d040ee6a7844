package org.carbonaware.planner.formulation.timefold;

import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.formulation.graph.StateGraph;

/**
 * The problem's carbon accounting in the integer units of the Timefold score, precomputed once per solve.
 *
 * <p>Scaling (documented in {@code benchmarks/timefold.md}): one soft unit is {@code gramsPerUnit} grams, 1 mg
 * unless that could overflow a long over the horizon (then coarser, keeping T times the largest epoch cost below
 * 2^50). Grams are rounded to the nearest unit, so the score's carbon differs from the validator's by at most
 * 0.5 unit per epoch. One token unit is {@code tokensPerUnit} tokens (1 unless the workload exceeds 1e12); epoch
 * tokens are rounded down and the workload up, so a plan with hard score 0 truly reaches the workload.
 * Transition grams (entering a state from another) are rounded the same way, per arc.
 */
public final class CostTable {

    private static final double TWO_POW_50 = 0x1p50;
    /** Token units one epoch counts at most (beyond twice the workload): 2^40, so a horizon of 2^20 epochs fits. */
    private static final long TOKEN_CAP_UNITS = 1L << 40;

    private final int epochCount;
    private final int nodeCount;
    private final double gramsPerUnit;
    private final double tokensPerUnit;
    private final StateGraph graph;
    private final long[][] gramsUnits;
    private final long[][] tokensUnits;
    private final double[] carbonIntensity;
    private final long workloadUnits;

    public CostTable(Problem problem) {
        this(new StateGraph(problem));
    }

    public CostTable(StateGraph graph) {
        Problem problem = graph.problem();
        this.graph = graph;
        this.epochCount = problem.epochCount();
        this.nodeCount = problem.stateCount() + 1;
        double maxGrams = graph.maxArcGrams();
        double unitsPerGram = 1000.0;
        if (maxGrams > 0) {
            unitsPerGram = Math.min(unitsPerGram, TWO_POW_50 / (Math.max(1, epochCount) * maxGrams));
        }
        this.gramsPerUnit = 1 / unitsPerGram;
        this.tokensPerUnit = Math.max(1, problem.workloadTokens() / 1e12);
        this.gramsUnits = new long[epochCount][nodeCount];
        for (int t = 0; t < epochCount; t++) {
            for (int b = 0; b < nodeCount; b++) {
                gramsUnits[t][b] = Math.round(problem.grams(t, b - 1) / gramsPerUnit);
            }
        }
        this.workloadUnits = (long) Math.ceil(problem.workloadTokens() / tokensPerUnit);
        this.tokensUnits = new long[nodeCount][nodeCount];
        for (int a = 0; a < nodeCount; a++) {
            for (int b = 0; b < nodeCount; b++) {
                // Capped far above the workload: the score only asks whether the sum reaches it, and the sum over the
                // horizon then stays inside a long however fast an option is.
                tokensUnits[a][b] = Math.min(TOKEN_CAP_UNITS + 2 * workloadUnits,
                        (long) Math.floor(problem.tokens(a - 1, b - 1) / tokensPerUnit));
            }
        }
        // What the moves rank epochs by: the carbon intensity, averaged over the sites when there are several.
        this.carbonIntensity = new double[epochCount];
        for (int t = 0; t < epochCount; t++) {
            for (int s = 0; s < problem.siteCount(); s++) {
                carbonIntensity[t] += problem.carbonIntensity(s, t) / problem.siteCount();
            }
        }
    }

    public int epochCount() {
        return epochCount;
    }

    public int nodeCount() {
        return nodeCount;
    }

    public double gramsPerUnit() {
        return gramsPerUnit;
    }

    public double tokensPerUnit() {
        return tokensPerUnit;
    }

    /** Soft units of spending epoch {@code epoch} in {@code value}. */
    public long grams(int epoch, StateValue value) {
        return gramsUnits[epoch][value.node()];
    }

    /** Soft units of entering {@code value} from {@code previous} at {@code epoch}, on top of {@link #grams}. */
    public long transitionGrams(int epoch, StateValue previous, StateValue value) {
        return Math.round(graph.transitionGrams(epoch, previous.node(), value.node()) / gramsPerUnit);
    }

    public boolean hasTransitionGrams() {
        return graph.hasTransitionGrams();
    }

    /** Whether the state may change at the start of {@code epoch} (always, unless switching waits for rounds). */
    public boolean switchAllowed(int epoch) {
        return graph.switchAllowed(epoch);
    }

    /** Whether the problem allows {@code value} in {@code epoch}. */
    public boolean allowed(int epoch, StateValue value) {
        return graph.allowed(epoch, value.node());
    }

    /** Token units of entering {@code value} from {@code previous} (reconfiguration losses included). */
    public long tokens(StateValue previous, StateValue value) {
        return tokensUnits[previous.node()][value.node()];
    }

    /** Token units per epoch of a value run without a change (its throughput). */
    public long steadyTokens(StateValue value) {
        return tokensUnits[value.node()][value.node()];
    }


    public double carbonIntensity(int epoch) {
        return carbonIntensity[epoch];
    }

    public long workloadUnits() {
        return workloadUnits;
    }
}
