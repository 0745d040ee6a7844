package org.carbonaware.planner.formulation.graph;

import org.carbonaware.planner.solve.HeapBudget;

/**
 * Which arcs a→b into each epoch remain in a model. Epoch 0 only has arcs from the initial node; no arc enters or
 * leaves a state the problem forbids in that epoch, and no arc changes state into an epoch off a round boundary. Arcs removed by the Lagrangian reduced-cost test provably
 * belong to no plan cheaper than the incumbent.
 */
public final class ArcMask {

    private final int nodeCount;
    private final boolean[][] alive;

    private ArcMask(int epochCount, int nodeCount) {
        this.nodeCount = nodeCount;
        this.alive = new boolean[epochCount][nodeCount * nodeCount];
    }

    /** Heap bytes of one mask (one byte an arc, every pair of every epoch). */
    public static long bytes(long nodes, long epochs) {
        return HeapBudget.times(epochs, HeapBudget.plus(StateGraph.ARRAY_HEADER_BYTES, HeapBudget.times(nodes, nodes)));
    }

    /** Every arc of the graph between allowed states. */
    public static ArcMask full(StateGraph graph) {
        ArcMask mask = new ArcMask(graph.epochCount(), graph.nodeCount());
        for (int t = 0; t < graph.epochCount(); t++) {
            for (int a = 0; a < graph.nodeCount(); a++) {
                if (t == 0 ? a != graph.initialNode() : !graph.allowed(t - 1, a)) {
                    continue;
                }
                for (int b = 0; b < graph.nodeCount(); b++) {
                    mask.alive[t][a * graph.nodeCount() + b] = graph.arcAllowed(t, a, b);
                }
            }
        }
        return mask;
    }

    /** An independent copy (a search at another threshold reduces its own). */
    public ArcMask copy() {
        ArcMask copy = new ArcMask(alive.length, nodeCount);
        for (int t = 0; t < alive.length; t++) {
            copy.alive[t] = alive[t].clone();
        }
        return copy;
    }

    /** The arcs into {@code epoch}, indexed from · nodes + to (the array itself: read it, do not change it). */
    boolean[] layer(int epoch) {
        return alive[epoch];
    }

    public boolean alive(int epoch, int from, int to) {
        return alive[epoch][from * nodeCount + to];
    }

    void remove(int epoch, int from, int to) {
        alive[epoch][from * nodeCount + to] = false;
    }

    public long count() {
        long count = 0;
        for (boolean[] layer : alive) {
            for (boolean arc : layer) {
                if (arc) {
                    count++;
                }
            }
        }
        return count;
    }
}
