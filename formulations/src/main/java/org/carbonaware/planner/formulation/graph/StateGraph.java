package org.carbonaware.planner.formulation.graph;

import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.solve.HeapBudget;

/**
 * The plan as a path through a layered graph: one layer per epoch, one node per state (node 0 = paused,
 * node k = state k-1). The arc a→b into epoch t costs {@link #grams(int, int, int)}: the grams of state b in
 * epoch t plus the problem's transition grams of entering b from a; it trains the tokens of entering b from a.
 * A state the problem does not allow in an epoch is a node without arcs ({@link #allowed(int, int)}), and where
 * the problem switches only at round boundaries, arcs between different states exist only into boundary epochs
 * ({@link #arcAllowed}). Every plan is one path; the workload is the single resource constraint on the path.
 *
 * <p>Nothing here assumes a state is one option: the algorithms see only nodes, arc grams and arc tokens.
 * Transition grams are read once from the problem and stored only when some are non-zero (per state pair when
 * they do not depend on the epoch, else per epoch and pair).
 */
public final class StateGraph {

    private final Problem problem;
    private final int nodeCount;
    private final int epochCount;
    private final int initialNode;
    /** tokens[a][b] of entering node b from node a. */
    private final double[][] tokens;
    /** stateGrams[t][b] of spending epoch t in node b. */
    private final double[][] stateGrams;
    /** transitionByPair[a][b] when transition grams do not depend on the epoch; null otherwise or when all are 0. */
    private final double[][] transitionByPair;
    /** transitionByEpoch[t][a * nodeCount + b] when they depend on the epoch; null otherwise. */
    private final double[][] transitionByEpoch;
    /** forbidden[t][b]; null when every state is allowed in every epoch. */
    private final boolean[][] forbidden;
    /** noSwitch[t]: the state may not change at the start of epoch t (round boundaries); null when it always may. */
    private final boolean[] noSwitch;
    private final double maxArcGrams;

    public StateGraph(Problem problem) {
        this.problem = problem;
        this.nodeCount = problem.stateCount() + 1;
        this.epochCount = problem.epochCount();
        this.initialNode = problem.initialState() + 1;
        this.tokens = new double[nodeCount][nodeCount];
        for (int a = 0; a < nodeCount; a++) {
            for (int b = 0; b < nodeCount; b++) {
                tokens[a][b] = problem.tokens(a - 1, b - 1);
            }
        }
        this.stateGrams = new double[epochCount][nodeCount];
        double maxStateGrams = 0;
        for (int t = 0; t < epochCount; t++) {
            for (int b = 0; b < nodeCount; b++) {
                stateGrams[t][b] = problem.grams(t, b - 1);
                maxStateGrams = Math.max(maxStateGrams, Math.abs(stateGrams[t][b]));
            }
        }
        boolean[][] forbiddenByEpoch = null;
        for (int t = 0; t < epochCount; t++) {
            for (int b = 0; b < nodeCount; b++) {
                if (!problem.allowed(t, b - 1)) {
                    if (forbiddenByEpoch == null) {
                        forbiddenByEpoch = new boolean[epochCount][nodeCount];
                    }
                    forbiddenByEpoch[t][b] = true;
                }
            }
        }
        this.forbidden = forbiddenByEpoch;
        boolean[] noSwitchByEpoch = null;
        for (int t = 0; t < epochCount; t++) {
            if (!problem.switchAllowed(t)) {
                if (noSwitchByEpoch == null) {
                    noSwitchByEpoch = new boolean[epochCount];
                }
                noSwitchByEpoch[t] = true;
            }
        }
        this.noSwitch = noSwitchByEpoch;
        // Transition grams: probe every (epoch, pair) once; keep the smallest table that represents them.
        double[][] byPair = new double[nodeCount][nodeCount];
        double[][] byEpoch = null;
        double maxTransition = 0;
        for (int t = 0; t < epochCount; t++) {
            for (int a = 0; a < nodeCount; a++) {
                for (int b = 0; b < nodeCount; b++) {
                    double grams = checkedTransition(problem, t, a, b, stateGrams[t][b]);
                    maxTransition = Math.max(maxTransition, Math.abs(grams));
                    if (t == 0) {
                        byPair[a][b] = grams;
                    } else if (byEpoch != null) {
                        byEpoch[t][a * nodeCount + b] = grams;
                    } else if (grams != byPair[a][b]) {
                        // Epoch-dependent: epochs before t (and t's pairs before this one) equal the pair table.
                        byEpoch = new double[epochCount][nodeCount * nodeCount];
                        for (int earlier = 0; earlier <= t; earlier++) {
                            for (int pair = 0; pair < nodeCount * nodeCount; pair++) {
                                byEpoch[earlier][pair] = byPair[pair / nodeCount][pair % nodeCount];
                            }
                        }
                        byEpoch[t][a * nodeCount + b] = grams;
                    }
                }
            }
        }
        if (byEpoch != null || maxTransition == 0) {
            byPair = null;
        }
        this.transitionByPair = byPair;
        this.transitionByEpoch = byEpoch;
        this.maxArcGrams = maxStateGrams + maxTransition;
    }

    /**
     * Heap bytes of the tables the constructor allocates for {@code nodes} nodes over {@code epochs} epochs, at most:
     * tokens and transition grams per pair (the pair table lives until the epoch-dependent one replaces it), transition
     * grams per epoch and pair when the problem has transition terms ({@link Problem#hasTransitionGrams()}; counted
     * whenever it has, though constant intensities would keep them per pair), state grams and forbidden states per
     * epoch. Kept next to the allocations it counts.
     */
    public static long tableBytes(long nodes, long epochs, boolean transitionGrams) {
        long pairRows = HeapBudget.times(nodes, ARRAY_HEADER_BYTES + nodes * Double.BYTES);
        // Without transition terms (or with one epoch) the per-epoch table is never made.
        long byEpoch = !transitionGrams || epochs < 2 ? 0
                : HeapBudget.times(epochs, HeapBudget.plus(ARRAY_HEADER_BYTES, HeapBudget.times(HeapBudget.times(nodes, nodes), Double.BYTES)));
        long perEpochAndNode = HeapBudget.times(epochs, ARRAY_HEADER_BYTES * 2 + nodes * (Double.BYTES + 1));
        return HeapBudget.plus(HeapBudget.plus(HeapBudget.times(2, pairRows), byEpoch), perEpochAndNode);
    }

    /** An array object's header and length, rounded up (compressed references). */
    static final long ARRAY_HEADER_BYTES = 16;

    /** A transition term may be negative (provisioning drawing less than training) but no arc's total grams. */
    private static double checkedTransition(Problem problem, int epoch, int fromNode, int toNode, double stateGrams) {
        double grams = problem.transitionGrams(epoch, fromNode - 1, toNode - 1);
        if (!Double.isFinite(grams) || stateGrams + grams < -1e-9 * Math.abs(stateGrams)) {
            throw new IllegalArgumentException("transition grams must be finite and leave the arc's grams >= 0, got %s (state grams %s) in epoch %d from state %d to state %d"
                    .formatted(grams, stateGrams, epoch, fromNode - 1, toNode - 1));
        }
        return grams;
    }

    public Problem problem() {
        return problem;
    }

    public int nodeCount() {
        return nodeCount;
    }

    public int epochCount() {
        return epochCount;
    }

    public int initialNode() {
        return initialNode;
    }

    public double tokens(int fromNode, int toNode) {
        return tokens[fromNode][toNode];
    }

    /** tokens[fromNode][b] for every b (the array itself: read it, do not change it). */
    double[] tokensFrom(int fromNode) {
        return tokens[fromNode];
    }

    /**
     * The grams of the arcs from {@code fromNode} into {@code epoch}, indexed by the node entered: without transition
     * grams the state grams of the epoch themselves (the arc adds nothing), otherwise {@code buffer} filled with
     * {@link #grams(int, int, int)} where {@code exists[existsOffset + b]} (elsewhere it is left as it was).
     */
    double[] gramsFrom(int epoch, int fromNode, boolean[] exists, int existsOffset, double[] buffer) {
        if (transitionByPair == null && transitionByEpoch == null) {
            return stateGrams[epoch];
        }
        for (int b = 0; b < nodeCount; b++) {
            if (exists[existsOffset + b]) {
                buffer[b] = grams(epoch, fromNode, b);
            }
        }
        return buffer;
    }

    /** Grams of the arc from {@code fromNode} (epoch − 1, or the initial node) into {@code toNode} at {@code epoch}. */
    public double grams(int epoch, int fromNode, int toNode) {
        return stateGrams[epoch][toNode] + transitionGrams(epoch, fromNode, toNode);
    }

    /** The transition part of {@link #grams(int, int, int)}. */
    public double transitionGrams(int epoch, int fromNode, int toNode) {
        if (transitionByPair != null) {
            return transitionByPair[fromNode][toNode];
        }
        if (transitionByEpoch != null) {
            return transitionByEpoch[epoch][fromNode * nodeCount + toNode];
        }
        return 0;
    }

    public boolean hasTransitionGrams() {
        return transitionByPair != null || transitionByEpoch != null;
    }

    /** Whether a plan may be in {@code node} during {@code epoch}. */
    public boolean allowed(int epoch, int node) {
        return forbidden == null || !forbidden[epoch][node];
    }

    public boolean hasForbiddenStates() {
        return forbidden != null;
    }

    /** Whether the arc from {@code fromNode} into {@code toNode} at {@code epoch} may be used: the state is allowed and, for a change, the epoch starts on a round boundary. */
    public boolean arcAllowed(int epoch, int fromNode, int toNode) {
        return allowed(epoch, toNode) && (fromNode == toNode || noSwitch == null || !noSwitch[epoch]);
    }

    /** Whether the state may change at the start of the epoch. */
    public boolean switchAllowed(int epoch) {
        return noSwitch == null || !noSwitch[epoch];
    }

    /** An upper bound on the absolute grams of any arc (exact when there are no transition grams). */
    public double maxArcGrams() {
        return maxArcGrams;
    }

    public double workloadTokens() {
        return problem.workloadTokens();
    }

    public static int state(int node) {
        return node - 1;
    }

    public static int node(int state) {
        return state + 1;
    }
}
