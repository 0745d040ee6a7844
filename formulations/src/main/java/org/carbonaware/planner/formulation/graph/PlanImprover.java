package org.carbonaware.planner.formulation.graph;

import org.carbonaware.planner.domain.Plan;

/**
 * Descent on one-epoch changes: repeatedly sets one epoch to the allowed state that lowers the grams (its arc in
 * and the arc out of it) most while the plan still reaches the workload. Tightens the incumbent the reduced-cost
 * test compares against.
 */
public final class PlanImprover {

    private static final int MAX_SWEEPS = 50;

    private PlanImprover() {
    }

    public static Plan improve(StateGraph graph, Plan plan) {
        int epochs = graph.epochCount();
        int[] nodes = new int[epochs];
        for (int t = 0; t < epochs; t++) {
            nodes[t] = StateGraph.node(plan.state(t));
        }
        double tokens = tokens(graph, nodes);
        double workload = graph.workloadTokens();
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            boolean improved = false;
            for (int t = 0; t < epochs; t++) {
                int before = t == 0 ? graph.initialNode() : nodes[t - 1];
                int current = nodes[t];
                int after = t + 1 < epochs ? nodes[t + 1] : -1;
                double currentTokens = graph.tokens(before, current) + (after >= 0 ? graph.tokens(current, after) : 0);
                double currentGrams = graph.grams(t, before, current);
                int bestNode = current;
                double bestSaving = 1e-9 * Math.max(1, currentGrams);
                double bestTokens = 0;
                for (int b = 0; b < graph.nodeCount(); b++) {
                    if (b == current || !graph.arcAllowed(t, before, b) || (after >= 0 && !graph.arcAllowed(t + 1, b, after))) {
                        continue;
                    }
                    double saving = currentGrams - graph.grams(t, before, b);
                    if (after >= 0 && graph.hasTransitionGrams()) {
                        saving += graph.transitionGrams(t + 1, current, after) - graph.transitionGrams(t + 1, b, after);
                    }
                    if (saving <= bestSaving) {
                        continue;
                    }
                    double newTokens = graph.tokens(before, b) + (after >= 0 ? graph.tokens(b, after) : 0);
                    if (tokens - currentTokens + newTokens >= workload) {
                        bestSaving = saving;
                        bestNode = b;
                        bestTokens = newTokens;
                    }
                }
                if (bestNode != current) {
                    tokens = tokens - currentTokens + bestTokens;
                    nodes[t] = bestNode;
                    improved = true;
                }
            }
            if (!improved) {
                break;
            }
        }
        int[] states = new int[epochs];
        for (int t = 0; t < epochs; t++) {
            states[t] = StateGraph.state(nodes[t]);
        }
        return new Plan(states);
    }

    static double tokens(StateGraph graph, int[] nodes) {
        double tokens = 0;
        int previous = graph.initialNode();
        for (int node : nodes) {
            tokens += graph.tokens(previous, node);
            previous = node;
        }
        return tokens;
    }

    public static double grams(StateGraph graph, Plan plan) {
        double grams = 0;
        int previous = graph.initialNode();
        for (int t = 0; t < plan.epochCount(); t++) {
            int node = StateGraph.node(plan.state(t));
            grams += graph.grams(t, previous, node);
            previous = node;
        }
        return grams;
    }
}
