package org.carbonaware.planner.formulation.flow;

/** One arc of the model: into {@code epoch}, from node {@code from} to node {@code to}, and its variable. */
public record FlowArc<V>(int epoch, int from, int to, V variable) {
}
