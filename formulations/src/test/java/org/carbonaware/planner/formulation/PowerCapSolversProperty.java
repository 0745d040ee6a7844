package org.carbonaware.planner.formulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.statistics.Statistics;
import org.carbonaware.planner.domain.Plan;
import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.solve.SolveResult;
import org.carbonaware.planner.solve.SolveSettings;
import org.carbonaware.planner.solve.SolveStatus;
import org.carbonaware.planner.validate.PlanEvaluator;
import org.carbonaware.planner.validate.PlanValidator;

/** With power-capped options and a cap-only reconfiguration tier, every exact solver still finds the brute-force optimum. */
class PowerCapSolversProperty {

    private static final SolveSettings ONE_WORKER = new SolveSettings(20, 1, 7, Map.of());

    @Property(tries = 30, seed = "20261211")
    void exactSolversFindTheBruteForceOptimumWithCaps(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        Problem problem = RandomInstances.withPowerCaps(RandomInstances.tiny(seed), seed);
        Plan optimum = RandomInstances.bruteForce(problem);
        boolean capsUsed = optimum != null && java.util.Arrays.stream(optimum.stateByEpoch())
                .anyMatch(state -> state != Problem.PAUSED && problem.option(state).capped());
        Statistics.label("optimum runs a capped option").collect(capsUsed);
        Statistics.label("optimum runs a capped option").coverage(coverage -> coverage.check(true).percentage(p -> p >= 20));
        for (String solver : new String[] {"cpsat", "mip", "label"}) {
            SolveResult result = Solvers.create(solver).solve(problem, ONE_WORKER);
            if (optimum == null) {
                assertThat(result.status()).as(solver).isEqualTo(SolveStatus.INFEASIBLE);
                continue;
            }
            assertThat(result.status()).as(solver).isEqualTo(SolveStatus.OPTIMAL);
            assertThat(PlanValidator.validate(problem, result.plan()).violations()).isEmpty();
            double expected = PlanEvaluator.evaluate(problem, optimum).totalKg();
            assertThat(PlanEvaluator.evaluate(problem, result.plan()).totalKg()).as(solver)
                    .isCloseTo(expected, within(1e-6 * Math.max(expected, 1e-9)));
        }
        for (String baseline : new String[] {"timefold", "fixed-fastest", "fixed-fastest-cap", "dp-only", "threshold", "shift", "carbonscaler"}) {
            SolveResult result = Solvers.create(baseline).solve(problem,
                    baseline.equals("timefold") ? ONE_WORKER.withParameter("moveLimit", "3000") : ONE_WORKER);
            if (result.plan() != null) {
                assertThat(PlanValidator.validate(problem, result.plan()).violations()).as(baseline).isEmpty();
                if (optimum != null) {
                    assertThat(result.objectiveKg()).as(baseline)
                            .isGreaterThanOrEqualTo(PlanEvaluator.evaluate(problem, optimum).totalKg() * (1 - 1e-9));
                }
            }
        }
    }
}
