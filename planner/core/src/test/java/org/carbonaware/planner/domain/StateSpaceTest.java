package org.carbonaware.planner.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.carbonaware.planner.validate.Evaluation;
import org.carbonaware.planner.validate.PlanEvaluator;
import org.junit.jupiter.api.Test;

/**
 * The lookup from a configuration dominance pruning removed to the kept state that dominates it. Site A has a slow
 * option a0 (100 tokens/s at 300 W) and a1 (200 tokens/s at 200 W), which dominates it; site B one option. No
 * idle power, provisioning or reconfiguration time, so every arc into a1 beats the same arc into a0.
 */
class StateSpaceTest {

    static Problem problem(int maxActiveSites) {
        Site a = site("A", List.of(new Option("a0", 1, 1, 1, 1, 100, 300, null), new Option("a1", 2, 1, 1, 2, 200, 200, null)));
        Site b = site("B", List.of(new Option("b0", 1, 1, 1, 1, 150, 250, null)));
        Instance instance = new Instance("dominated", Instant.parse("2024-01-01T00:00:00Z"), 60, 3, 1e6, List.of(a, b),
                maxActiveSites, Integer.MAX_VALUE, new Federation(0.9, 1, 0, false, Double.NaN, Double.NaN), null);
        return new Problem(instance, new double[][] {{100, 300, 200}, {250, 50, 400}}, null);
    }

    private static Site site(String name, List<Option> options) {
        return new Site(name, new CarbonIntensitySource(Path.of("none.csv"), null), options, 8, 1.0, 0, 0,
                Reconfiguration.NONE, Provisioning.NONE, Availability.ALWAYS, Double.NaN);
    }

    @Test
    void aPrunedConfigurationMapsToTheKeptStateThatDominatesIt() {
        Problem problem = problem(2);
        int[] slow = {0, Problem.PAUSED};
        int[] fast = {1, Problem.PAUSED};
        assertThat(problem.stateOf(slow)).isEqualTo(StateSpace.UNLISTED);
        int substitute = problem.stateOrDominating(slow);
        assertThat(substitute).isEqualTo(problem.stateOf(fast)).isGreaterThanOrEqualTo(0);
        // Listed configurations and all-off map to themselves.
        assertThat(problem.stateOrDominating(fast)).isEqualTo(problem.stateOf(fast));
        assertThat(problem.stateOrDominating(new int[] {Problem.PAUSED, Problem.PAUSED})).isEqualTo(Problem.PAUSED);
        // The substitute keeps a plan valid and no worse: a0 in every epoch, then a1 in its place.
        Evaluation before = PlanEvaluator.evaluate(problem, new int[][] {slow, {0, 0}, slow});
        int[] federatedSubstitute = problem.configuration(problem.stateOrDominating(new int[] {0, 0}));
        Evaluation after = PlanEvaluator.evaluate(problem, new int[][] {fast, federatedSubstitute, fast});
        assertThat(after.tokens()).isGreaterThanOrEqualTo(before.tokens());
        assertThat(after.totalKg()).isLessThanOrEqualTo(before.totalKg());
    }

    @Test
    void aConfigurationOutsideTheCapacityLimitHasNoState() {
        Problem problem = problem(1);
        assertThat(problem.stateOrDominating(new int[] {1, 0})).isEqualTo(StateSpace.UNLISTED);
    }
}
