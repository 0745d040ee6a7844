package org.carbonaware.planner.formulation.graph;

import org.carbonaware.planner.domain.Problem;

/**
 * The plan as a path through a layered graph: one layer per epoch, one node per state (node 0 = paused,
 * node k = option k-1). The arc a→b into epoch t costs the grams of state b in epoch t and trains the tokens of
 * entering b from a. Every plan is one path; the workload is the single resource constraint on the path.
 */
public final class StateGraph {

    private final Problem problem;
    private final int nodeCount;
    private final int epochCount;
    private final int initialNode;
    /** tokens[a][b] of entering node b from node a. */
    private final double[][] tokens;
    /** grams[t][b] of spending epoch t in node b. */
    private final double[][] grams;

    public StateGraph(Problem problem) {
        this.problem = problem;
        this.nodeCount = problem.optionCount() + 1;
        this.epochCount = problem.epochCount();
        this.initialNode = problem.initialState() + 1;
        this.tokens = new double[nodeCount][nodeCount];
        for (int a = 0; a < nodeCount; a++) {
            for (int b = 0; b < nodeCount; b++) {
                tokens[a][b] = problem.tokens(a - 1, b - 1);
            }
        }
        this.grams = new double[epochCount][nodeCount];
        for (int t = 0; t < epochCount; t++) {
            for (int b = 0; b < nodeCount; b++) {
                grams[t][b] = problem.grams(t, b - 1);
            }
        }
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

    public double grams(int epoch, int node) {
        return grams[epoch][node];
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
