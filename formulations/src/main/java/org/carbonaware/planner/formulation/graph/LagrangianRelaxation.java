package org.carbonaware.planner.formulation.graph;

import java.util.Arrays;

import org.carbonaware.planner.domain.Plan;
import org.carbonaware.planner.formulation.graph.LayeredViterbi.Path;

/**
 * Lagrangian relaxation of the workload row: for a multiplier λ ≥ 0 the cheapest path under arc weights
 * {@code grams − λ·tokens} is one Viterbi pass, and {@code L(λ) = path weight + λ·W} is a lower bound on every
 * plan. L is concave in the single multiplier, so bisection on the sign of its subgradient (W − path tokens)
 * finds the best bound; the paths on the feasible side are plans. With the best multiplier, forward and backward
 * passes give each arc the bound of the best plan through it, and arcs whose bound exceeds the incumbent are
 * removed: no plan cheaper than the incumbent uses them.
 */
public final class LagrangianRelaxation {

    private static final int MAX_BISECTIONS = 80;

    private final StateGraph graph;
    private final int epochs;
    private final int nodes;

    public LagrangianRelaxation(StateGraph graph) {
        this.graph = graph;
        this.epochs = graph.epochCount();
        this.nodes = graph.nodeCount();
    }

    /**
     * The outcome of the relaxation.
     *
     * @param lowerBoundGrams best Lagrangian bound found
     * @param multiplier the multiplier that gave it (grams per token)
     * @param incumbent best feasible plan found (null when none)
     * @param incumbentGrams its grams (infinite when none)
     */
    public record Result(double lowerBoundGrams, double multiplier, Plan incumbent, double incumbentGrams,
                         int viterbiPasses, double seconds) {

        /** The same bound and multiplier with a better incumbent. */
        public Result withIncumbent(Plan plan, double grams) {
            return new Result(lowerBoundGrams, multiplier, plan, grams, viterbiPasses, seconds);
        }
    }

    public Result solve(ArcMask mask) {
        return solve(mask, Long.MAX_VALUE);
    }

    /**
     * The same, stopping the search for a better multiplier once {@link System#nanoTime()} passes {@code stopAtNanos}:
     * the bound and plans found by then are kept (a stop before the first feasible path leaves no incumbent, which
     * then proves nothing).
     */
    public Result solve(ArcMask mask, long stopAtNanos) {
        long started = System.nanoTime();
        double workload = graph.workloadTokens();
        int passes = 0;
        double bestBound = Double.NEGATIVE_INFINITY;
        double bestMultiplier = 0;
        Plan incumbent = null;
        double incumbentGrams = Double.POSITIVE_INFINITY;

        Path atZero = viterbi(0, mask);
        passes++;
        bestBound = atZero.weight();
        if (atZero.nodes() == null) {
            // No path through the allowed states at all.
            return new Result(Double.POSITIVE_INFINITY, 0, null, Double.POSITIVE_INFINITY, passes, seconds(started));
        }
        if (atZero.tokens() >= workload) {
            Plan plan = toPlan(atZero);
            return new Result(atZero.grams(), 0, plan, atZero.grams(), passes, seconds(started));
        }
        double low = 0;
        double high = initialHighMultiplier();
        Path feasible = null;
        Path infeasible = atZero;
        for (int i = 0; i < 200 && feasible == null && before(stopAtNanos); i++) {
            Path path = viterbi(high, mask);
            passes++;
            double bound = path.weight() + high * workload;
            if (bound > bestBound) {
                bestBound = bound;
                bestMultiplier = high;
            }
            if (path.tokens() >= workload) {
                feasible = path;
            } else {
                infeasible = path;
                low = high;
                high *= 4;
                if (!Double.isFinite(high) || path.weight() == Double.POSITIVE_INFINITY) {
                    break;
                }
            }
        }
        if (feasible == null) {
            return new Result(bestBound, bestMultiplier, null, Double.POSITIVE_INFINITY, passes, seconds(started));
        }
        incumbent = toPlan(feasible);
        incumbentGrams = feasible.grams();
        for (int i = 0; i < MAX_BISECTIONS && (high - low) > 1e-12 * high && before(stopAtNanos); i++) {
            double middle = 0.5 * (low + high);
            Path path = viterbi(middle, mask);
            passes++;
            double bound = path.weight() + middle * workload;
            if (bound > bestBound) {
                bestBound = bound;
                bestMultiplier = middle;
            }
            if (path.tokens() >= workload) {
                high = middle;
                feasible = path;
                if (path.grams() < incumbentGrams) {
                    incumbentGrams = path.grams();
                    incumbent = toPlan(path);
                }
            } else {
                low = middle;
                infeasible = path;
            }
            if (incumbentGrams - bestBound <= 1e-12 * Math.abs(incumbentGrams)) {
                break;
            }
        }
        Path spliced = splice(infeasible, feasible);
        if (spliced != null && spliced.grams() < incumbentGrams) {
            incumbentGrams = spliced.grams();
            incumbent = toPlan(spliced);
        }
        return new Result(Math.min(bestBound, incumbentGrams), bestMultiplier, incumbent, incumbentGrams, passes, seconds(started));
    }

    /**
     * Combines the last infeasible and feasible bisection paths. Both are (nearly) optimal for the final
     * multiplier, so between the epochs where they sit in the same node their segments are interchangeable; a
     * greedy knapsack picks the feasible segments to take from the feasible path so that the token overshoot, and
     * with it the gap to the bound, is small.
     */
    Path splice(Path low, Path high) {
        if (low == null || high == null || low.nodes() == null || high.nodes() == null) {
            return null;
        }
        int[] lowNodes = low.nodes();
        int[] highNodes = high.nodes();
        java.util.List<int[]> segments = new java.util.ArrayList<>();
        int segmentStart = -1;
        for (int t = 0; t < epochs; t++) {
            boolean differs = lowNodes[t] != highNodes[t];
            if (differs && segmentStart < 0) {
                segmentStart = t;
            }
            if (!differs && segmentStart >= 0) {
                segments.add(new int[] {segmentStart, t});
                segmentStart = -1;
            }
        }
        if (segmentStart >= 0) {
            segments.add(new int[] {segmentStart, epochs});
        }
        int count = segments.size();
        double[] deltaTokens = new double[count];
        double[] deltaGrams = new double[count];
        for (int i = 0; i < count; i++) {
            int from = segments.get(i)[0];
            int to = segments.get(i)[1];
            // A segment covers epochs [from, to) plus the arc into epoch 'to' (which leaves the segment's last node).
            int last = Math.min(to, epochs - 1);
            for (int t = from; t <= last; t++) {
                int previousLow = t == 0 ? graph.initialNode() : lowNodes[t - 1];
                int previousHigh = t == 0 ? graph.initialNode() : highNodes[t - 1];
                deltaTokens[i] += graph.tokens(previousHigh, highNodes[t]) - graph.tokens(previousLow, lowNodes[t]);
                deltaGrams[i] += graph.grams(t, previousHigh, highNodes[t]) - graph.grams(t, previousLow, lowNodes[t]);
            }
        }
        Integer[] order = new Integer[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(ratio(deltaGrams[a], deltaTokens[a]), ratio(deltaGrams[b], deltaTokens[b])));
        boolean[] take = new boolean[count];
        double tokens = low.tokens();
        double grams = low.grams();
        double workload = graph.workloadTokens();
        for (int k = 0; k < count && tokens < workload; k++) {
            int i = order[k];
            if (deltaTokens[i] > 0) {
                take[i] = true;
                tokens += deltaTokens[i];
                grams += deltaGrams[i];
            }
        }
        if (tokens < workload) {
            return null;
        }
        // Drop taken segments that are not needed, most expensive first.
        for (int k = count - 1; k >= 0; k--) {
            int i = order[k];
            if (take[i] && tokens - deltaTokens[i] >= workload && deltaGrams[i] > 0) {
                take[i] = false;
                tokens -= deltaTokens[i];
                grams -= deltaGrams[i];
            }
        }
        int[] nodesByEpoch = lowNodes.clone();
        for (int i = 0; i < count; i++) {
            if (take[i]) {
                for (int t = segments.get(i)[0]; t < segments.get(i)[1]; t++) {
                    nodesByEpoch[t] = highNodes[t];
                }
            }
        }
        double checkTokens = 0;
        double checkGrams = 0;
        int previous = graph.initialNode();
        for (int t = 0; t < epochs; t++) {
            checkTokens += graph.tokens(previous, nodesByEpoch[t]);
            checkGrams += graph.grams(t, previous, nodesByEpoch[t]);
            previous = nodesByEpoch[t];
        }
        if (checkTokens < workload) {
            return null;
        }
        return new Path(nodesByEpoch, checkGrams, checkTokens, Double.NaN);
    }

    private static double ratio(double grams, double tokens) {
        return tokens > 0 ? grams / tokens : Double.POSITIVE_INFINITY;
    }

    private double initialHighMultiplier() {
        double ratio = 0;
        for (int t = 0; t < epochs; t++) {
            for (int b = 1; b < nodes; b++) {
                double tokens = graph.tokens(b, b);
                if (tokens > 0) {
                    ratio = Math.max(ratio, graph.grams(t, b, b) / tokens);
                }
            }
        }
        return Math.max(ratio * 2, 1e-12);
    }

    /** One pass over the arcs the mask keeps; with no path, a path of no nodes and infinite weight. */
    Path viterbi(double multiplier, ArcMask mask) {
        Path path = LayeredViterbi.cheapest(new MaskedArcs(graph, mask), multiplier);
        return path != null ? path : new Path(null, Double.POSITIVE_INFINITY, 0, Double.POSITIVE_INFINITY);
    }

    /** The state graph's arcs that the mask keeps. */
    private static final class MaskedArcs implements LayeredViterbi.Arcs {

        private final StateGraph graph;
        private final ArcMask mask;
        private final int nodes;
        private final double[] gramsBuffer;

        MaskedArcs(StateGraph graph, ArcMask mask) {
            this.graph = graph;
            this.mask = mask;
            this.nodes = graph.nodeCount();
            this.gramsBuffer = new double[nodes];
        }

        @Override
        public int epochs() {
            return graph.epochCount();
        }

        @Override
        public int nodes() {
            return nodes;
        }

        @Override
        public int initialNode() {
            return graph.initialNode();
        }

        @Override
        public void row(int epoch, int from, LayeredViterbi.Row row) {
            boolean[] exists = mask.layer(epoch);
            int offset = from * nodes;
            row.exists = exists;
            row.existsOffset = offset;
            row.grams = graph.gramsFrom(epoch, from, exists, offset, gramsBuffer);
            row.tokens = graph.tokensFrom(from);
        }

        @Override
        public void penalties(int epoch, double[] penalty) {
            // No per-epoch row is relaxed here: the array stays all zero.
        }
    }

    /**
     * Removes every arc whose best plan under {@code multiplier} has a Lagrangian bound above
     * {@code incumbentGrams} (plus a relative tolerance), and arcs that no longer lie on a complete path.
     */
    public long reduce(ArcMask mask, double multiplier, double incumbentGrams) {
        double workload = graph.workloadTokens();
        double threshold = incumbentGrams + 1e-7 * Math.abs(incumbentGrams) + 1e-9;
        long removed = 0;
        for (int round = 0; round < 3; round++) {
            double[][] forward = forward(multiplier, mask);
            double[][] backward = backward(multiplier, mask);
            long removedThisRound = 0;
            for (int t = 0; t < epochs; t++) {
                for (int a = 0; a < nodes; a++) {
                    double from = t == 0 ? (a == graph.initialNode() ? 0 : Double.POSITIVE_INFINITY) : forward[t - 1][a];
                    for (int b = 0; b < nodes; b++) {
                        if (!mask.alive(t, a, b)) {
                            continue;
                        }
                        double bound = from + graph.grams(t, a, b) - multiplier * graph.tokens(a, b) + backward[t][b]
                                + multiplier * workload;
                        if (!(bound <= threshold)) {
                            mask.remove(t, a, b);
                            removedThisRound++;
                        }
                    }
                }
            }
            removed += removedThisRound;
            if (removedThisRound == 0) {
                break;
            }
        }
        return removed;
    }

    /** forward[t][b]: cheapest Lagrangian weight of reaching node b at the end of epoch t. */
    double[][] forward(double multiplier, ArcMask mask) {
        double[][] forward = new double[epochs][nodes];
        for (int t = 0; t < epochs; t++) {
            for (int b = 0; b < nodes; b++) {
                double best = Double.POSITIVE_INFINITY;
                for (int a = 0; a < nodes; a++) {
                    double from = t == 0 ? (a == graph.initialNode() ? 0 : Double.POSITIVE_INFINITY) : forward[t - 1][a];
                    if (from == Double.POSITIVE_INFINITY || !mask.alive(t, a, b)) {
                        continue;
                    }
                    best = Math.min(best, from + graph.grams(t, a, b) - multiplier * graph.tokens(a, b));
                }
                forward[t][b] = best;
            }
        }
        return forward;
    }

    /** backward[t][b]: cheapest Lagrangian weight of the epochs after t, starting in node b at epoch t. */
    double[][] backward(double multiplier, ArcMask mask) {
        double[][] backward = new double[epochs][nodes];
        for (int t = epochs - 2; t >= 0; t--) {
            for (int a = 0; a < nodes; a++) {
                double best = Double.POSITIVE_INFINITY;
                for (int b = 0; b < nodes; b++) {
                    if (backward[t + 1][b] == Double.POSITIVE_INFINITY || !mask.alive(t + 1, a, b)) {
                        continue;
                    }
                    best = Math.min(best, graph.grams(t + 1, a, b) - multiplier * graph.tokens(a, b) + backward[t + 1][b]);
                }
                backward[t][a] = best;
            }
        }
        return backward;
    }

    private Plan toPlan(Path path) {
        int[] states = new int[epochs];
        for (int t = 0; t < epochs; t++) {
            states[t] = StateGraph.state(path.nodes()[t]);
        }
        return new Plan(states);
    }

    /** True while {@code stopAtNanos} (Long.MAX_VALUE: never) has not passed. */
    private static boolean before(long stopAtNanos) {
        return stopAtNanos == Long.MAX_VALUE || System.nanoTime() - stopAtNanos < 0;
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
