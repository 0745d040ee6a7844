package org.carbonaware.planner.formulation.flow;

import java.util.ArrayList;
import java.util.List;

import org.carbonaware.planner.domain.Plan;
import org.carbonaware.planner.formulation.graph.PreparedGraph;
import org.carbonaware.planner.formulation.graph.StateGraph;

/**
 * The transition-flow model, stated once for every backend: one 0/1 variable per surviving arc (epoch, from node,
 * to node) of the layered state graph, one arc out of the initial node, flow conservation between consecutive epochs,
 * the workload as one linear row and the arc grams as the objective. Its LP relaxation is a shortest-path
 * polytope plus one row. Built in fixed sections: variables, constraints, objective (with the presolve's hint),
 * then {@link #extract()} after the solve.
 *
 * @param <V> the backend's variable type
 */
public final class FlowModel<V> {

    private final StateGraph graph;
    private final PreparedGraph prepared;
    private final FlowBackend<V> backend;
    /** arcsByEpoch.get(t): the surviving arcs into epoch t (the variable container of the model). */
    private final List<List<FlowArc<V>>> arcsByEpoch = new ArrayList<>();

    private FlowModel(PreparedGraph prepared, FlowBackend<V> backend) {
        this.graph = prepared.graph();
        this.prepared = prepared;
        this.backend = backend;
    }

    /** Builds the model on the arcs the presolve left, through {@code backend}. */
    public static <V> FlowModel<V> build(PreparedGraph prepared, FlowBackend<V> backend) {
        FlowModel<V> model = new FlowModel<>(prepared, backend);
        model.variables();
        model.constraints();
        model.objective();
        model.hint();
        return model;
    }

    private void variables() {
        for (int t = 0; t < graph.epochCount(); t++) {
            List<FlowArc<V>> arcs = new ArrayList<>();
            for (int a = 0; a < graph.nodeCount(); a++) {
                for (int b = 0; b < graph.nodeCount(); b++) {
                    if (prepared.mask().alive(t, a, b)) {
                        arcs.add(new FlowArc<>(t, a, b, backend.newArc(t, a, b)));
                    }
                }
            }
            arcsByEpoch.add(arcs);
        }
    }

    private void constraints() {
        // One arc leaves the initial node; flow conservation then carries exactly one arc through every epoch.
        backend.addExactlyOne(variablesOf(arcsByEpoch.get(0)));
        for (int t = 0; t + 1 < graph.epochCount(); t++) {
            for (int b = 0; b < graph.nodeCount(); b++) {
                List<V> inflow = new ArrayList<>();
                List<V> outflow = new ArrayList<>();
                for (FlowArc<V> arc : arcsByEpoch.get(t)) {
                    if (arc.to() == b) {
                        inflow.add(arc.variable());
                    }
                }
                for (FlowArc<V> arc : arcsByEpoch.get(t + 1)) {
                    if (arc.from() == b) {
                        outflow.add(arc.variable());
                    }
                }
                if (!inflow.isEmpty() || !outflow.isEmpty()) {
                    backend.addFlowConservation(inflow, outflow);
                }
            }
        }
        for (int t = 1; t < graph.epochCount(); t++) {
            backend.addImpliedExactlyOne(variablesOf(arcsByEpoch.get(t)));
        }
        List<FlowArc<V>> all = allArcs();
        double[] tokens = new double[all.size()];
        for (int i = 0; i < tokens.length; i++) {
            // An arc that alone trains twice the workload counts as that: the same constraint (one such arc meets it
            // after the backends' rounding too), and no coefficient or sum of them grows past what the backends hold
            // when one option is absurdly fast.
            tokens[i] = Math.min(graph.tokens(all.get(i).from(), all.get(i).to()), 2 * graph.workloadTokens() + 2);
        }
        backend.addWorkload(variablesOf(all), tokens, graph.workloadTokens());
    }

    private void objective() {
        List<FlowArc<V>> all = allArcs();
        double[] grams = new double[all.size()];
        for (int i = 0; i < grams.length; i++) {
            grams[i] = arcGrams(all.get(i));
        }
        backend.minimiseGrams(variablesOf(all), grams, prepared.lowerBoundGrams());
    }

    /** The presolve's incumbent, when there is one, as the solution hint. */
    private void hint() {
        Plan incumbent = prepared.incumbent();
        if (incumbent == null) {
            return;
        }
        List<FlowArc<V>> all = allArcs();
        boolean[] used = new boolean[all.size()];
        for (int i = 0; i < used.length; i++) {
            FlowArc<V> arc = all.get(i);
            int from = arc.epoch() == 0 ? graph.initialNode() : StateGraph.node(incumbent.state(arc.epoch() - 1));
            used[i] = arc.from() == from && arc.to() == StateGraph.node(incumbent.state(arc.epoch()));
        }
        backend.hint(variablesOf(all), used);
    }

    /** The plan of the backend's solution: in every epoch the state its largest arc value leads to. */
    public Plan extract() {
        int[] states = new int[graph.epochCount()];
        for (int t = 0; t < graph.epochCount(); t++) {
            double best = Double.NEGATIVE_INFINITY;
            for (FlowArc<V> arc : arcsByEpoch.get(t)) {
                double value = backend.value(arc.variable());
                if (value > best) {
                    best = value;
                    states[t] = StateGraph.state(arc.to());
                }
            }
        }
        return new Plan(states);
    }

    private double arcGrams(FlowArc<V> arc) {
        return graph.grams(arc.epoch(), arc.from(), arc.to());
    }

    private List<FlowArc<V>> allArcs() {
        List<FlowArc<V>> all = new ArrayList<>();
        arcsByEpoch.forEach(all::addAll);
        return all;
    }

    private static <V> List<V> variablesOf(List<FlowArc<V>> arcs) {
        List<V> variables = new ArrayList<>(arcs.size());
        for (FlowArc<V> arc : arcs) {
            variables.add(arc.variable());
        }
        return variables;
    }
}
