package org.carbonaware.planner.formulation.graph;

import java.util.Arrays;

/**
 * The cheapest path through a layered graph: one layer of nodes per epoch, arcs from the node held after epoch t − 1
 * (before epoch 0: the initial node) into a node of epoch t, each weighing grams − multiplier·tokens + the entered
 * node's penalty in that epoch. Ties are broken lexicographically and deterministically: the lower weight, then more
 * tokens on the path so far, then the lowest predecessor node (at the end: the lowest end node). Both the state
 * graph's Lagrangian relaxation and each site's sub-problem of the decomposition take their passes from here.
 *
 * <p>The graph hands over its arcs a row at a time (all arcs out of one node into one epoch, as arrays it mostly
 * already holds), so the inner loop reads arrays and calls nothing: this pass is the exact presolve's hot path.
 */
public final class LayeredViterbi {

    private LayeredViterbi() {
    }

    /** The arcs out of one node into one epoch, indexed by the node entered. */
    public static final class Row {
        /** Whether the arc to node b exists: {@code exists[existsOffset + b]}. */
        public boolean[] exists;
        public int existsOffset;
        /** Grams of the arc to node b: {@code grams[b]}. */
        public double[] grams;
        /** Tokens of the arc to node b: {@code tokens[b]}. */
        public double[] tokens;
    }

    /** The graph, as the shortest-path pass reads it. */
    public interface Arcs {

        int epochs();

        int nodes();

        int initialNode();

        /** Points {@code row} at the arcs out of {@code from} into {@code epoch}; valid until the next call. */
        void row(int epoch, int from, Row row);

        /** Fills {@code penalty[b]}, a weight added to every arc into b at {@code epoch} (a per-epoch multiplier), or 0. */
        void penalties(int epoch, double[] penalty);
    }

    /** One cheapest path: its node per epoch, the true grams and tokens it spends, and its weight. */
    public record Path(int[] nodes, double grams, double tokens, double weight) {
    }

    /** The cheapest path, or null when no path through all epochs exists. */
    public static Path cheapest(Arcs arcs, double multiplier) {
        int epochs = arcs.epochs();
        int nodes = arcs.nodes();
        double[] previous = new double[nodes];
        double[] previousTokens = new double[nodes];
        double[] previousGrams = new double[nodes];
        double[] current = new double[nodes];
        double[] currentTokens = new double[nodes];
        double[] currentGrams = new double[nodes];
        double[] penalty = new double[nodes];
        int[][] predecessor = new int[epochs][nodes];
        Row row = new Row();
        Arrays.fill(previous, Double.POSITIVE_INFINITY);
        previous[arcs.initialNode()] = 0;
        for (int t = 0; t < epochs; t++) {
            int[] from = predecessor[t];
            arcs.penalties(t, penalty);
            Arrays.fill(current, Double.POSITIVE_INFINITY);
            Arrays.fill(currentTokens, 0);
            Arrays.fill(currentGrams, Double.POSITIVE_INFINITY);
            Arrays.fill(from, -1);
            // Predecessors in increasing order, each replacing a node's best only when strictly better (lower
            // weight, or equal weight and more tokens): the same choice as scanning each node's predecessors in order.
            for (int a = 0; a < nodes; a++) {
                double weightBefore = previous[a];
                if (weightBefore == Double.POSITIVE_INFINITY) {
                    continue;
                }
                double tokensBefore = previousTokens[a];
                double gramsBefore = previousGrams[a];
                arcs.row(t, a, row);
                boolean[] exists = row.exists;
                int offset = row.existsOffset;
                double[] gramsTo = row.grams;
                double[] tokensTo = row.tokens;
                for (int b = 0; b < nodes; b++) {
                    if (!exists[offset + b]) {
                        continue;
                    }
                    double grams = gramsTo[b];
                    double tokens = tokensTo[b];
                    // Summed in this order so that a zero penalty leaves the weight bit for bit as without one.
                    double value = weightBefore + grams - multiplier * tokens + penalty[b];
                    double pathTokens = tokensBefore + tokens;
                    double best = current[b];
                    if (value < best || (value == best && pathTokens > currentTokens[b])) {
                        current[b] = value;
                        currentTokens[b] = pathTokens;
                        currentGrams[b] = gramsBefore + grams;
                        from[b] = a;
                    }
                }
            }
            double[] swap = previous;
            previous = current;
            current = swap;
            swap = previousTokens;
            previousTokens = currentTokens;
            currentTokens = swap;
            swap = previousGrams;
            previousGrams = currentGrams;
            currentGrams = swap;
        }
        int end = -1;
        for (int b = 0; b < nodes; b++) {
            if (previous[b] < Double.POSITIVE_INFINITY && (end < 0 || previous[b] < previous[end]
                    || (previous[b] == previous[end] && previousTokens[b] > previousTokens[end]))) {
                end = b;
            }
        }
        if (end < 0) {
            return null;
        }
        int[] path = new int[epochs];
        int node = end;
        for (int t = epochs - 1; t >= 0; t--) {
            path[t] = node;
            node = predecessor[t][node];
        }
        return new Path(path, previousGrams[end], previousTokens[end], previous[end]);
    }
}
