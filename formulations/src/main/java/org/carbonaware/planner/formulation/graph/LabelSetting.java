package org.carbonaware.planner.formulation.graph;

import java.util.Arrays;

import org.carbonaware.planner.domain.Plan;

/**
 * Exact resource-constrained shortest path by forward labelling over the epochs. A label is a partial plan's
 * (grams, tokens capped at the workload); at each node only the Pareto-optimal labels survive, and a label is
 * dropped when its grams plus a lower bound on any completion that still reaches the workload exceed the
 * incumbent. The completion bound is the larger of the Lagrangian cost-to-go (grams − λ·tokens, plus λ times the
 * tokens still missing) and the plain cheapest cost-to-go. When the label budget is not exhausted the result is
 * proven optimal.
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
     * @param proven true when every label was examined, so {@code plan} is optimal (or none exists)
     */
    public record Result(Plan plan, double grams, boolean proven, long labels, double seconds) {
    }

    /** Layer storage: labels of one epoch, grouped by node. */
    private static final class Layer {
        double[] grams = new double[64];
        double[] tokens = new double[64];
        double[] bound = new double[64];
        int[] parent = new int[64];
        int[] node = new int[64];
        int size;

        void add(double g, double w, double b, int p, int n) {
            if (size == grams.length) {
                int capacity = size * 2;
                grams = Arrays.copyOf(grams, capacity);
                tokens = Arrays.copyOf(tokens, capacity);
                bound = Arrays.copyOf(bound, capacity);
                parent = Arrays.copyOf(parent, capacity);
                node = Arrays.copyOf(node, capacity);
            }
            grams[size] = g;
            tokens[size] = w;
            bound[size] = b;
            parent[size] = p;
            node[size] = n;
            size++;
        }
    }

    public Result solve(ArcMask mask, double multiplier, Plan incumbent, double incumbentGrams, long labelBudget,
                        double timeBudgetSeconds) {
        return solve(mask, multiplier, incumbent, incumbentGrams, labelBudget, timeBudgetSeconds, 0);
    }

    /**
     * With {@code beamWidth > 0} only that many labels per node survive (those with the lowest completion bound):
     * a heuristic that finds good plans fast but proves nothing.
     */
    public Result solve(ArcMask mask, double multiplier, Plan incumbent, double incumbentGrams, long labelBudget,
                        double timeBudgetSeconds, int beamWidth) {
        long started = System.nanoTime();
        double workload = graph.workloadTokens();
        LagrangianRelaxation relaxation = new LagrangianRelaxation(graph);
        double[][] lagrangianToGo = relaxation.backward(multiplier, mask);
        double[][] gramsToGo = relaxation.backward(0, mask);
        int[][] cheapestNext = cheapestSuccessors(mask, gramsToGo);
        double[][] maxTokensToGo = maxTokensToGo(mask);
        double bestGrams = incumbentGrams;
        Plan bestPlan = incumbent;
        double tolerance = 1e-9 * Math.max(1, Math.abs(incumbentGrams));
        Layer[] layers = new Layer[epochs];
        long labels = 0;
        boolean proven = true;
        Layer previous = null;
        int[] perNode = new int[nodes + 1];
        int[] order = new int[64];
        for (int t = 0; t < epochs && proven; t++) {
            Layer layer = new Layer();
            Layer candidates = new Layer();
            int previousSize = previous == null ? 1 : previous.size;
            for (int l = 0; l < previousSize; l++) {
                int a = previous == null ? graph.initialNode() : previous.node[l];
                double g = previous == null ? 0 : previous.grams[l];
                double w = previous == null ? 0 : previous.tokens[l];
                for (int b = 0; b < nodes; b++) {
                    if (!mask.alive(t, a, b)) {
                        continue;
                    }
                    double g2 = g + graph.grams(t, a, b);
                    double w2 = Math.min(workload, w + graph.tokens(a, b));
                    double missing = workload - w2;
                    if (missing > maxTokensToGo[t][b] + 1e-9 * workload) {
                        continue;
                    }
                    double bound = g2 + Math.max(gramsToGo[t][b], lagrangianToGo[t][b] + multiplier * missing);
                    if (bound > bestGrams - tolerance) {
                        continue;
                    }
                    if (missing <= 0) {
                        // Reached the workload: the cheapest completion finishes a plan.
                        double complete = g2 + gramsToGo[t][b];
                        if (complete < bestGrams - tolerance) {
                            bestGrams = complete;
                            bestPlan = completePlan(layers, previous, l, t, b, cheapestNext);
                        }
                        continue;
                    }
                    candidates.add(g2, w2, bound, l, b);
                }
            }
            // Pareto filter per node: sort by grams, keep labels with strictly more tokens than every cheaper one.
            Arrays.fill(perNode, 0);
            for (int c = 0; c < candidates.size; c++) {
                perNode[candidates.node[c] + 1]++;
            }
            for (int b = 0; b < nodes; b++) {
                perNode[b + 1] += perNode[b];
            }
            if (order.length < candidates.size) {
                order = new int[candidates.size * 2];
            }
            int[] fill = perNode.clone();
            for (int c = 0; c < candidates.size; c++) {
                order[fill[candidates.node[c]]++] = c;
            }
            for (int b = 0; b < nodes; b++) {
                int from = perNode[b];
                int to = perNode[b + 1];
                sortByKey(order, from, to - 1, candidates.grams);
                double bestTokens = Double.NEGATIVE_INFINITY;
                int kept = from;
                for (int k = from; k < to; k++) {
                    int c = order[k];
                    if (candidates.tokens[c] > bestTokens) {
                        bestTokens = candidates.tokens[c];
                        order[kept++] = c;
                    }
                }
                if (beamWidth > 0 && kept - from > beamWidth) {
                    sortByKey(order, from, kept - 1, candidates.bound);
                    kept = from + beamWidth;
                }
                for (int k = from; k < kept; k++) {
                    int c = order[k];
                    layer.add(candidates.grams[c], candidates.tokens[c], candidates.bound[c], candidates.parent[c], b);
                }
            }
            labels += layer.size;
            layers[t] = layer;
            previous = layer;
            if (labels > labelBudget || (System.nanoTime() - started) / 1e9 > timeBudgetSeconds) {
                proven = false;
            }
        }
        return new Result(bestPlan, bestGrams, proven && beamWidth <= 0, labels, (System.nanoTime() - started) / 1e9);
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

    private Plan completePlan(Layer[] layers, Layer previous, int parentLabel, int epoch, int node, int[][] cheapestNext) {
        int[] states = new int[epochs];
        states[epoch] = StateGraph.state(node);
        int label = parentLabel;
        for (int t = epoch - 1; t >= 0; t--) {
            Layer layer = layers[t];
            states[t] = StateGraph.state(layer.node[label]);
            label = layer.parent[label];
        }
        int current = node;
        for (int t = epoch + 1; t < epochs; t++) {
            current = cheapestNext[t][current];
            states[t] = StateGraph.state(current);
        }
        return new Plan(states);
    }

    /** cheapestNext[t][a]: the node to enter at epoch t from node a on a cheapest (λ = 0) completion. */
    private int[][] cheapestSuccessors(ArcMask mask, double[][] gramsToGo) {
        int[][] next = new int[epochs][nodes];
        for (int t = 1; t < epochs; t++) {
            for (int a = 0; a < nodes; a++) {
                double best = Double.POSITIVE_INFINITY;
                int bestNode = 0;
                for (int b = 0; b < nodes; b++) {
                    if (!mask.alive(t, a, b) || gramsToGo[t][b] == Double.POSITIVE_INFINITY) {
                        continue;
                    }
                    double value = graph.grams(t, a, b) + gramsToGo[t][b];
                    if (value < best) {
                        best = value;
                        bestNode = b;
                    }
                }
                next[t][a] = bestNode;
            }
        }
        return next;
    }

    /** maxTokensToGo[t][b]: the most tokens the epochs after t can add, starting in node b. */
    private double[][] maxTokensToGo(ArcMask mask) {
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
