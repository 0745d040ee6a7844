package org.carbonaware.planner.formulation.graph;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.formulation.RandomInstances;
import org.carbonaware.planner.formulation.StateRuleProblem;

/**
 * The multi-multiplier completion bound never exceeds the cheapest completion that trains the missing tokens,
 * checked against every completion of random tiny problems (with and without transition grams and forbidden
 * states).
 */
class CompletionBoundProperty {

    @Property(tries = 60, seed = "14")
    void boundIsBelowEveryCompletionReachingTheMissingTokens(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        Problem plain = RandomInstances.tiny(seed);
        Problem problem = seed % 2 == 0 ? plain : StateRuleProblem.random(plain, seed);
        StateGraph graph = new StateGraph(problem);
        ArcMask mask = ArcMask.full(graph);
        LagrangianRelaxation.Result lagrangian = new LagrangianRelaxation(graph).solve(mask);
        if (lagrangian.incumbent() == null) {
            return; // no plan: the solvers build no completion bound
        }
        double multiplier = lagrangian.multiplier() > 0 ? lagrangian.multiplier() : 1e-3;
        CompletionBound bound = CompletionBound.of(graph, mask, multiplier);
        int epochs = graph.epochCount();
        int nodes = graph.nodeCount();
        for (int t = 0; t < epochs; t++) {
            for (int b = 0; b < nodes; b++) {
                if (!graph.allowed(t, b)) {
                    continue;
                }
                // Every completion over epochs t+1 .. T-1 from node b: (grams, tokens).
                int length = epochs - 1 - t;
                long count = (long) Math.pow(nodes, length);
                double[] grams = new double[(int) count];
                double[] tokens = new double[(int) count];
                boolean[] valid = new boolean[(int) count];
                for (long code = 0; code < count; code++) {
                    long rest = code;
                    int previous = b;
                    boolean ok = true;
                    for (int s = t + 1; s < epochs; s++) {
                        int node = (int) (rest % nodes);
                        rest /= nodes;
                        ok &= mask.alive(s, previous, node);
                        grams[(int) code] += graph.grams(s, previous, node);
                        tokens[(int) code] += graph.tokens(previous, node);
                        previous = node;
                    }
                    valid[(int) code] = ok;
                }
                for (int c = 0; c < count; c++) {
                    if (!valid[c]) {
                        continue;
                    }
                    double missing = tokens[c];
                    double cheapest = Double.POSITIVE_INFINITY;
                    for (int d = 0; d < count; d++) {
                        if (valid[d] && tokens[d] >= missing) {
                            cheapest = Math.min(cheapest, grams[d]);
                        }
                    }
                    assertThat(bound.value(t, b, 0, missing)).as("epoch %d node %d missing %s", t, b, missing)
                            .isLessThanOrEqualTo(cheapest * (1 + 1e-12) + 1e-9);
                }
                assertThat(bound.maxTokensToGo(t, b)).isGreaterThanOrEqualTo(max(tokens, valid) * (1 - 1e-12));
            }
        }
    }

    private static double max(double[] values, boolean[] valid) {
        double best = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < values.length; i++) {
            if (valid[i]) {
                best = Math.max(best, values[i]);
            }
        }
        return best;
    }
}
