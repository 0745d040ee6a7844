package org.carbonaware.planner.formulation.decompose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Instant;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

import org.carbonaware.planner.domain.Availability;
import org.carbonaware.planner.domain.CarbonIntensitySource;
import org.carbonaware.planner.domain.Federation;
import org.carbonaware.planner.domain.Instance;
import org.carbonaware.planner.domain.Option;
import org.carbonaware.planner.domain.Plan;
import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.domain.Provisioning;
import org.carbonaware.planner.domain.Reconfiguration;
import org.carbonaware.planner.domain.Site;
import org.carbonaware.planner.domain.StateSpace;
import org.carbonaware.planner.formulation.Solvers;
import org.carbonaware.planner.io.InstanceReader;
import org.carbonaware.planner.solve.Gap;
import org.carbonaware.planner.solve.SolveResult;
import org.carbonaware.planner.solve.SolveSettings;
import org.carbonaware.planner.solve.SolveStatus;
import org.carbonaware.planner.validate.PlanEvaluator;
import org.carbonaware.planner.validate.PlanValidator;
import org.junit.jupiter.api.Test;

/** The decomposition on the bundled curtailment study, and a restricted plan mapped back through the dominance lookup. */
class DecomposeSolverTest {

    private static final SolveSettings SETTINGS = new SolveSettings(20, 1, 1, Map.of());

    @Test
    void onTheCurtailmentStudyThePlanIsValidAndTheBoundWithinOnePercent() throws Exception {
        Problem problem = InstanceReader.load(Path.of("../instances/curtail-study.json"));
        SolveResult result = Solvers.create(DecomposeSolver.NAME).solve(problem, SETTINGS);
        SolveResult label = Solvers.create("label").solve(problem, SETTINGS);
        assertThat(PlanValidator.validate(problem, result.plan()).violations()).isEmpty();
        double kg = PlanEvaluator.evaluate(problem, result.plan()).totalKg();
        assertThat(kg).isCloseTo(label.objectiveKg(), within(1e-4 * kg));
        // One option per site: the restricted instance is the full one, whose exact solve closes the gap.
        assertThat(result.statistics().get("restrictedComplete")).isEqualTo(true);
        assertThat(result.status()).isEqualTo(SolveStatus.OPTIMAL);
        assertThat(result.bestBoundKg()).isLessThanOrEqualTo(kg * (1 + 1e-9));
        // The Lagrangian bound alone: 0.6967 kg against the optimum 0.7008, 0.6 % below.
        double lagrangianKg = (double) result.statistics().get("lagrangianBoundKg");
        assertThat(lagrangianKg).isLessThanOrEqualTo(label.objectiveKg() * (1 + 1e-9));
        assertThat(Gap.relative(kg, lagrangianKg)).isLessThan(0.01);
    }

    /**
     * Site A: a0 (100 tokens/s at 300 W) and a1 (200 tokens/s at 200 W, which dominates it); site B: b0. A restricted
     * instance that keeps only a0 plans with it, but the full state list pruned every state running a0; mapped back,
     * the plan runs a1 instead, stays valid and emits less.
     */
    @Test
    void aRestrictedPlanOnAPrunedConfigurationMapsToItsDominatingState() {
        Site a = site("A", List.of(new Option("a0", 1, 1, 1, 1, 100, 300, null), new Option("a1", 2, 1, 1, 2, 200, 200, null)));
        Site b = site("B", List.of(new Option("b0", 1, 1, 1, 1, 150, 250, null)));
        Instance instance = new Instance("dominated", Instant.parse("2024-01-01T00:00:00Z"), 60, 3, 100 * 3600 * 2.0,
                List.of(a, b), 2, Integer.MAX_VALUE, new Federation(0.9, 1, 0, false, Double.NaN, Double.NaN), null);
        Problem full = new Problem(instance, new double[][] {{100, 300, 50}, {250, 500, 400}}, null);
        BitSet onlySlow = new BitSet();
        onlySlow.set(0);
        BitSet b0 = new BitSet();
        b0.set(0);
        List<BitSet> kept = List.of(onlySlow, b0);
        Problem restricted = DecomposeSolver.restrictedProblem(full, kept);
        SolveResult planned = Solvers.create("label").solve(restricted, SETTINGS);
        assertThat(planned.status()).isEqualTo(SolveStatus.OPTIMAL);
        boolean runsSlowAlone = false;
        for (int t = 0; t < restricted.epochCount(); t++) {
            int[] configuration = restricted.configuration(planned.plan().state(t));
            if (configuration[0] == 0 && configuration[1] == Problem.PAUSED) {
                runsSlowAlone = true;
                assertThat(full.stateOf(configuration)).isEqualTo(StateSpace.UNLISTED);
            }
        }
        assertThat(runsSlowAlone).as("the restricted plan runs a0 alone in some epoch: " + planned.plan()).isTrue();
        Plan mapped = DecomposeSolver.toFull(full, restricted, kept, planned.plan());
        assertThat(PlanValidator.validate(full, mapped).violations()).isEmpty();
        for (int t = 0; t < full.epochCount(); t++) {
            assertThat(full.siteOptionIndex(mapped.state(t), 0)).isNotEqualTo(0);
        }
        assertThat(PlanEvaluator.evaluate(full, mapped).totalKg()).isLessThan(planned.objectiveKg());
    }

    private static Site site(String name, List<Option> options) {
        return new Site(name, new CarbonIntensitySource(Path.of("none.csv"), null), options, 8, 1.0, 0, 0,
                Reconfiguration.NONE, Provisioning.NONE, Availability.ALWAYS, Double.NaN);
    }
}
