package org.carbonaware.planner.formulation.graph;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.carbonaware.planner.domain.Plan;
import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.formulation.RandomInstances;
import org.carbonaware.planner.formulation.StateRuleProblem;
import org.carbonaware.planner.validate.PlanEvaluator;

/**
 * The rising-threshold proof against brute force on random tiny problems: its bound never exceeds the optimum,
 * a proof finds the optimum, and a search starved of labels still reports a valid bound and plan.
 */
class GapClosingProperty {

    @Property(tries = 60, seed = "1414")
    void boundIsAtMostTheOptimumAndAProofFindsIt(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        Problem plain = RandomInstances.tiny(seed);
        Problem problem = seed % 3 == 0 ? StateRuleProblem.random(plain, seed) : plain;
        Plan optimum = RandomInstances.bruteForce(problem);
        StateGraph graph = new StateGraph(problem);
        ArcMask mask = ArcMask.full(graph);
        LagrangianRelaxation relaxation = new LagrangianRelaxation(graph);
        LagrangianRelaxation.Result lagrangian = relaxation.solve(mask);
        if (optimum == null) {
            assertThat(lagrangian.incumbent()).isNull();
            return;
        }
        double optimumGrams = PlanEvaluator.evaluate(problem, optimum).totalKg() * 1000;
        assertThat(lagrangian.lowerBoundGrams()).isLessThanOrEqualTo(optimumGrams * (1 + 1e-9) + 1e-9);
        relaxation.reduce(mask, lagrangian.multiplier(), lagrangian.incumbentGrams());
        for (long budget : new long[] {Long.MAX_VALUE, 3}) {
            GapClosing.Result closing = GapClosing.close(graph, mask, lagrangian.multiplier(), lagrangian.lowerBoundGrams(),
                    lagrangian.incumbent(), lagrangian.incumbentGrams(), budget, 10);
            assertThat(closing.lowerBoundGrams()).as("budget %d", budget).isLessThanOrEqualTo(optimumGrams * (1 + 1e-9) + 1e-9);
            assertThat(closing.lowerBoundGrams()).isGreaterThanOrEqualTo(lagrangian.lowerBoundGrams());
            assertThat(closing.grams()).isGreaterThanOrEqualTo(optimumGrams * (1 - 1e-9) - 1e-9);
            assertThat(PlanEvaluator.evaluate(problem, closing.plan()).totalKg() * 1000)
                    .isCloseTo(closing.grams(), org.assertj.core.api.Assertions.within(1e-6 * Math.max(1, closing.grams())));
            if (budget == Long.MAX_VALUE) {
                assertThat(closing.proven()).isTrue();
            }
            if (closing.proven()) {
                assertThat(closing.grams()).isCloseTo(optimumGrams, org.assertj.core.api.Assertions.within(1e-6 * Math.max(1, optimumGrams)));
            }
        }
    }
}
