package org.carbonaware.planner.formulation.graph;

/**
 * Lower bounds on the grams of completing a partial plan: from node b after epoch t, any completion that still
 * trains {@code missing} tokens costs at least {@code toGo_λ[t][b] + λ·missing} for every multiplier λ ≥ 0, where
 * {@code toGo_λ} is the cheapest completion under arc weights grams − λ·tokens (weak duality on the completion's
 * own workload row). The bound is the maximum over a few multipliers around the best one, so a partial plan that
 * is ahead of or behind the usual token pace meets the multiplier that bounds it best; multiplier 0 gives the plain
 * cheapest completion. Memory: one T × N table per multiplier.
 */
public final class CompletionBound {

    /** Multipliers relative to the best one; the best comes first (label setting orders labels by it). */
    static final double[] RELATIVE_MULTIPLIERS = {1, 0, 0.99, 1.01};

    private final double[] multipliers;
    /** toGo[k][t][b]: cheapest weight of epochs t+1 … T−1 from node b under multiplier k; +∞ when no path. */
    private final double[][][] toGo;
    /** gramsToGo = toGo at multiplier 0. */
    private final double[][] gramsToGo;
    private final double[][] maxTokensToGo;

    private CompletionBound(double[] multipliers, double[][][] toGo, double[][] gramsToGo, double[][] maxTokensToGo) {
        this.multipliers = multipliers;
        this.toGo = toGo;
        this.gramsToGo = gramsToGo;
        this.maxTokensToGo = maxTokensToGo;
    }

    /** Bounds on {@code mask}'s arcs for the best multiplier and its neighbours. */
    public static CompletionBound of(StateGraph graph, ArcMask mask, double bestMultiplier) {
        LagrangianRelaxation relaxation = new LagrangianRelaxation(graph);
        int count = bestMultiplier > 0 ? RELATIVE_MULTIPLIERS.length : 1;
        double[] multipliers = new double[count];
        double[][][] toGo = new double[count][][];
        double[][] gramsToGo = null;
        for (int k = 0; k < count; k++) {
            multipliers[k] = bestMultiplier * RELATIVE_MULTIPLIERS[k];
            toGo[k] = relaxation.backward(multipliers[k], mask);
            if (multipliers[k] == 0) {
                gramsToGo = toGo[k];
            }
        }
        return new CompletionBound(multipliers, toGo, gramsToGo, maxTokensToGo(graph, mask));
    }

    /** The multiplier labels are ordered by (the best one). */
    public double leadingMultiplier() {
        return multipliers[0];
    }

    /** Cheapest completion weight under the leading multiplier. */
    public double leadingToGo(int epoch, int node) {
        return toGo[0][epoch][node];
    }

    /** Cheapest completion grams, ignoring the workload. */
    public double gramsToGo(int epoch, int node) {
        return gramsToGo[epoch][node];
    }

    /** The most tokens the epochs after {@code epoch} can add, starting in {@code node}. */
    public double maxTokensToGo(int epoch, int node) {
        return maxTokensToGo[epoch][node];
    }

    public int multiplierCount() {
        return multipliers.length;
    }

    public double multiplier(int k) {
        return multipliers[k];
    }

    /** Cheapest completion weight under multiplier k. */
    public double toGo(int k, int epoch, int node) {
        return toGo[k][epoch][node];
    }

    /** The bound itself: grams + max over multipliers of the completion bound. */
    public double value(int epoch, int node, double grams, double missing) {
        double best = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < multipliers.length; k++) {
            best = Math.max(best, grams + toGo[k][epoch][node] + multipliers[k] * missing);
        }
        return best;
    }

    private static double[][] maxTokensToGo(StateGraph graph, ArcMask mask) {
        int epochs = graph.epochCount();
        int nodes = graph.nodeCount();
        double[][] most = new double[epochs][nodes];
        for (int t = epochs - 2; t >= 0; t--) {
            for (int a = 0; a < nodes; a++) {
                double best = Double.NEGATIVE_INFINITY;
                for (int b = 0; b < nodes; b++) {
                    if (mask.alive(t + 1, a, b) && most[t + 1][b] > Double.NEGATIVE_INFINITY) {
                        best = Math.max(best, graph.tokens(a, b) + most[t + 1][b]);
                    }
                }
                most[t][a] = best;
            }
        }
        return most;
    }
}
