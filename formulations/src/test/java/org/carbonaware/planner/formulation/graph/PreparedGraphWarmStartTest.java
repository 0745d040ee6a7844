package org.carbonaware.planner.formulation.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Map;

import org.carbonaware.planner.domain.Plan;
import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.formulation.RandomInstances;
import org.carbonaware.planner.solve.SolveSettings;
import org.junit.jupiter.api.Test;

/** The presolve starts from a warm-start plan when it is better than its own incumbent, and ignores a bad one. */
class PreparedGraphWarmStartTest {

    private static final SolveSettings BOUND_ONLY = new SolveSettings(10, 1, 1, Map.of());

    @Test
    void aBetterWarmStartBecomesTheIncumbentAndAWorseOrShortOneIsIgnored() {
        int improvedCases = 0;
        for (long seed = 1; seed <= 200; seed++) {
            Problem problem = RandomInstances.tiny(seed);
            Plan optimum = RandomInstances.bruteForce(problem);
            if (optimum == null) {
                continue;
            }
            PreparedGraph cold = PreparedGraph.prepare(problem, BOUND_ONLY, "bound");
            if (cold.incumbent() == null) {
                continue;
            }
            double coldGrams = PlanImprover.grams(cold.graph(), cold.incumbent());
            double optimumGrams = PlanImprover.grams(cold.graph(), optimum);
            PreparedGraph warm = PreparedGraph.prepare(problem, BOUND_ONLY.withIncumbent(optimum), "bound");
            double warmGrams = PlanImprover.grams(warm.graph(), warm.incumbent());
            assertThat(warmGrams).as("seed %d", seed).isCloseTo(Math.min(coldGrams, optimumGrams), within(1e-6 * coldGrams + 1e-9));
            if (optimumGrams < coldGrams - 1e-9) {
                improvedCases++;
                assertThat(warm.incumbent()).isEqualTo(optimum);
            }
            // A plan that stops short of the workload is no warm start.
            int[] paused = new int[problem.epochCount()];
            Arrays.fill(paused, Problem.PAUSED);
            PreparedGraph ignored = PreparedGraph.prepare(problem, BOUND_ONLY.withIncumbent(new Plan(paused)), "bound");
            assertThat(ignored.incumbent()).isEqualTo(cold.incumbent());
        }
        assertThat(improvedCases).as("some tiny problems where the Lagrangian incumbent is not optimal").isPositive();
    }
}
