package org.carbonaware.planner.formulation.graph;

import java.util.Arrays;

import org.carbonaware.planner.domain.Plan;

/**
 * Exact resource-constrained shortest path by forward labelling over the epochs. A label is a partial plan's
 * (grams, tokens capped at the workload); at each node only the Pareto-optimal labels survive, and a label is
 * dropped when its grams plus a lower bound on any completion that still reaches the workload exceed the limit
 * (the threshold, lowered to each better plan found). The completion bound is {@link CompletionBound}. When the
 * label and time budgets are not exhausted the search is complete: its plan is the cheapest below the threshold,
 * or there is none.
 *
 * <p>Labels of a node are kept in order of their reduced value grams − λ·tokens (λ the leading multiplier): the
 * leading bound of an extension along an arc is that value plus a constant of the arc, so the extensions of a
 * node stop at the first label whose bound passes the limit. Past layers keep only each label's parent index
 * (4 bytes a label), which is what a plan is read back from.
 */
public final class LabelSetting {

    private final StateGraph graph;
    private final int epochs;
    private final int nodes;

    public LabelSetting(StateGraph graph) {
        this.graph = graph;
        this.epochs = graph.epochCount();
        this.nodes = graph.nodeCount();
    }

    /**
     * The outcome.
     *
     * @param plan the best plan found (the incumbent when nothing better exists), or null
     * @param proven true when every label was examined, so no plan cheaper than {@code grams} (or than the
     *     threshold, when no plan was found) exists
     */
    public record Result(Plan plan, double grams, boolean proven, long labels, double seconds) {
    }

    /** Growable columns of candidate labels. */
    private static final class Columns {
        double[] grams = new double[1024];
        double[] tokens = new double[1024];
        double[] key = new double[1024];
        int[] parent = new int[1024];
        int[] node = new int[1024];
        int size;

        void clear() {
            size = 0;
        }

        void add(double g, double w, double k, int p, int n) {
            if (size == grams.length) {
                int capacity = size * 2;
                grams = Arrays.copyOf(grams, capacity);
                tokens = Arrays.copyOf(tokens, capacity);
                key = Arrays.copyOf(key, capacity);
                parent = Arrays.copyOf(parent, capacity);
                node = Arrays.copyOf(node, capacity);
            }
            grams[size] = g;
            tokens[size] = w;
            key[size] = k;
            parent[size] = p;
            node[size] = n;
            size++;
        }
    }

    /** Exact search with the bounds of {@code multiplier} on {@code mask}, below the incumbent's grams. */
    public Result solve(ArcMask mask, double multiplier, Plan incumbent, double incumbentGrams, long labelBudget,
                        double timeBudgetSeconds) {
        return solve(mask, CompletionBound.of(graph, mask, multiplier), incumbent, incumbentGrams, labelBudget,
                timeBudgetSeconds, 0);
    }

    /** Heuristic beam search: at most {@code beamWidth} labels per node (lowest bound first); proves nothing. */
    public Result beam(ArcMask mask, double multiplier, Plan incumbent, double incumbentGrams, double timeBudgetSeconds,
                       int beamWidth) {
        return solve(mask, CompletionBound.of(graph, mask, multiplier), incumbent, incumbentGrams, Long.MAX_VALUE,
                timeBudgetSeconds, beamWidth);
    }

    /**
     * Searches for plans cheaper than {@code thresholdGrams} (the incumbent's grams when there is one; any
     * threshold otherwise, {@code incumbent} null).
     */
    public Result solve(ArcMask mask, CompletionBound bound, Plan incumbent, double thresholdGrams, long labelBudget,
                        double timeBudgetSeconds, int beamWidth) {
        long started = System.nanoTime();
        long deadline = started + (long) (Math.min(timeBudgetSeconds, 1e9) * 1e9);
        double workload = graph.workloadTokens();
        double lambda = bound.leadingMultiplier();
        double tolerance = 1e-9 * Math.max(1, Math.abs(thresholdGrams));
        double limit = thresholdGrams - tolerance;
        double bestGrams = thresholdGrams;
        Plan bestPlan = incumbent;
        int[][] parents = new int[epochs][];
        int[][] starts = new int[epochs][];
        long labels = 0;
        boolean complete = true;

        // The previous layer, grouped by node (previousStart) and ordered by reduced value within a node.
        double[] previousGrams = {0};
        double[] previousTokens = {0};
        double[] previousReduced = {0};
        int[] previousStart = new int[nodes + 1];
        Arrays.fill(previousStart, graph.initialNode() + 1, nodes + 1, 1);
        Columns candidates = new Columns();
        int[] order = new int[1024];
        int[] countByNode = new int[nodes + 1];
        int multiplierCount = bound.multiplierCount();
        double[] multipliers = new double[multiplierCount];
        for (int k = 0; k < multiplierCount; k++) {
            multipliers[k] = bound.multiplier(k);
        }
        double[] toGoHere = new double[multiplierCount];
        for (int t = 0; t < epochs && complete; t++) {
            candidates.clear();
            for (int a = 0; a < nodes; a++) {
                int from = previousStart[a];
                int to = previousStart[a + 1];
                if (from == to) {
                    continue;
                }
                for (int b = 0; b < nodes; b++) {
                    if (!mask.alive(t, a, b)) {
                        continue;
                    }
                    double leading = bound.leadingToGo(t, b);
                    if (leading == Double.POSITIVE_INFINITY) {
                        continue;
                    }
                    double arcGrams = graph.grams(t, a, b);
                    double arcTokens = graph.tokens(a, b);
                    // Leading bound of the extension >= reduced value + arcConstant (tokens capped at W only raise it).
                    double arcConstant = arcGrams + leading + lambda * (workload - arcTokens);
                    double most = bound.maxTokensToGo(t, b);
                    for (int k = 0; k < multiplierCount; k++) {
                        toGoHere[k] = bound.toGo(k, t, b);
                    }
                    for (int l = from; l < to; l++) {
                        if (previousReduced[l] + arcConstant > limit) {
                            break;
                        }
                        double g = previousGrams[l] + arcGrams;
                        double w = Math.min(workload, previousTokens[l] + arcTokens);
                        double missing = workload - w;
                        if (missing > most + 1e-9 * workload || !within(toGoHere, multipliers, g, missing, limit)) {
                            continue;
                        }
                        if (missing <= 0) {
                            // Reached the workload: the cheapest completion finishes a plan.
                            double plan = g + bound.gramsToGo(t, b);
                            if (plan < bestGrams - tolerance) {
                                bestGrams = plan;
                                limit = plan - tolerance;
                                bestPlan = readPlan(parents, starts, l, t, b, mask, bound);
                            }
                            continue;
                        }
                        candidates.add(g, w, beamWidth > 0 ? bound.value(t, b, g, missing) : 0, l, b);
                    }
                }
            }
            // Group by node, Pareto filter (by grams, keep strictly more tokens), then order by reduced value.
            Arrays.fill(countByNode, 0);
            for (int c = 0; c < candidates.size; c++) {
                countByNode[candidates.node[c] + 1]++;
            }
            for (int b = 0; b < nodes; b++) {
                countByNode[b + 1] += countByNode[b];
            }
            if (order.length < candidates.size) {
                order = new int[Math.max(candidates.size, 2 * order.length)];
            }
            int[] fill = countByNode.clone();
            for (int c = 0; c < candidates.size; c++) {
                order[fill[candidates.node[c]]++] = c;
            }
            int[] start = new int[nodes + 1];
            int kept = 0;
            for (int b = 0; b < nodes; b++) {
                int from = countByNode[b];
                int to = countByNode[b + 1];
                start[b] = kept;
                sortByKey(order, from, to - 1, candidates.grams);
                double bestTokens = Double.NEGATIVE_INFINITY;
                int nodeKept = from;
                for (int k = from; k < to; k++) {
                    int c = order[k];
                    if (candidates.tokens[c] > bestTokens) {
                        bestTokens = candidates.tokens[c];
                        order[nodeKept++] = c;
                    }
                }
                if (beamWidth > 0 && nodeKept - from > beamWidth) {
                    sortByKey(order, from, nodeKept - 1, candidates.key);
                    nodeKept = from + beamWidth;
                }
                for (int k = from; k < nodeKept; k++) {
                    int c = order[k];
                    candidates.key[c] = candidates.grams[c] - lambda * candidates.tokens[c];
                }
                sortByKey(order, from, nodeKept - 1, candidates.key);
                // Compact this node's survivors to the front of order.
                System.arraycopy(order, from, order, kept, nodeKept - from);
                kept += nodeKept - from;
            }
            start[nodes] = kept;
            double[] layerGrams = new double[kept];
            double[] layerTokens = new double[kept];
            double[] layerReduced = new double[kept];
            int[] layerParents = new int[kept];
            for (int k = 0; k < kept; k++) {
                int c = order[k];
                layerGrams[k] = candidates.grams[c];
                layerTokens[k] = candidates.tokens[c];
                layerReduced[k] = candidates.key[c];
                layerParents[k] = candidates.parent[c];
            }
            parents[t] = layerParents;
            starts[t] = start;
            previousGrams = layerGrams;
            previousTokens = layerTokens;
            previousReduced = layerReduced;
            previousStart = start;
            labels += kept;
            if (labels > labelBudget || System.nanoTime() > deadline) {
                complete = false;
            }
        }
        return new Result(bestPlan, bestGrams, complete && beamWidth <= 0, labels, (System.nanoTime() - started) / 1e9);
    }

    /** Whether grams plus every multiplier's completion bound stays at or below the limit. */
    private static boolean within(double[] toGo, double[] multipliers, double grams, double missing, double limit) {
        for (int k = 0; k < toGo.length; k++) {
            if (!(grams + toGo[k] + multipliers[k] * missing <= limit)) {
                return false;
            }
        }
        return true;
    }

    /** Sorts {@code index[low..high]} by ascending {@code key[index]} (quicksort; equal keys in any order). */
    private static void sortByKey(int[] index, int low, int high, double[] key) {
        while (low < high) {
            if (high - low < 16) {
                for (int i = low + 1; i <= high; i++) {
                    int value = index[i];
                    int j = i - 1;
                    while (j >= low && key[index[j]] > key[value]) {
                        index[j + 1] = index[j];
                        j--;
                    }
                    index[j + 1] = value;
                }
                return;
            }
            double pivot = key[index[(low + high) >>> 1]];
            int i = low;
            int j = high;
            while (i <= j) {
                while (key[index[i]] < pivot) {
                    i++;
                }
                while (key[index[j]] > pivot) {
                    j--;
                }
                if (i <= j) {
                    int swap = index[i];
                    index[i] = index[j];
                    index[j] = swap;
                    i++;
                    j--;
                }
            }
            if (j - low < high - i) {
                sortByKey(index, low, j, key);
                low = i;
            } else {
                sortByKey(index, i, high, key);
                high = j;
            }
        }
    }

    /** The plan of label {@code parentLabel} of layer {@code epoch − 1} extended into {@code node}, completed cheapest. */
    private Plan readPlan(int[][] parents, int[][] starts, int parentLabel, int epoch, int node, ArcMask mask,
                          CompletionBound bound) {
        int[] states = new int[epochs];
        states[epoch] = StateGraph.state(node);
        int label = parentLabel;
        for (int t = epoch - 1; t >= 0; t--) {
            states[t] = StateGraph.state(nodeOf(starts[t], label));
            label = parents[t][label];
        }
        int current = node;
        for (int t = epoch + 1; t < epochs; t++) {
            double best = Double.POSITIVE_INFINITY;
            int next = -1;
            for (int b = 0; b < nodes; b++) {
                if (!mask.alive(t, current, b) || bound.gramsToGo(t, b) == Double.POSITIVE_INFINITY) {
                    continue;
                }
                double value = graph.grams(t, current, b) + bound.gramsToGo(t, b);
                if (value < best) {
                    best = value;
                    next = b;
                }
            }
            current = next;
            states[t] = StateGraph.state(current);
        }
        return new Plan(states);
    }

    /** The node whose range of {@code start} holds {@code label}. */
    private int nodeOf(int[] start, int label) {
        int low = 0;
        int high = nodes - 1;
        while (low < high) {
            int middle = (low + high + 1) >>> 1;
            if (start[middle] <= label) {
                low = middle;
            } else {
                high = middle - 1;
            }
        }
        return low;
    }
}
