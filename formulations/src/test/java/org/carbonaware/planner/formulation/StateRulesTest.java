package org.carbonaware.planner.formulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.carbonaware.planner.domain.CarbonIntensitySource;
import org.carbonaware.planner.domain.Instance;
import org.carbonaware.planner.domain.Option;
import org.carbonaware.planner.domain.Plan;
import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.domain.Reconfiguration;
import org.carbonaware.planner.solve.SolveResult;
import org.carbonaware.planner.solve.SolveSettings;
import org.carbonaware.planner.solve.SolveStatus;
import org.carbonaware.planner.validate.PlanEvaluator;
import org.junit.jupiter.api.Test;

/**
 * A hand-computed case where transition grams and forbidden states each change the optimum, solved by every exact
 * solver and Timefold. One option (1 kWh and 3,600 tokens per hourly epoch), no switching losses, CI 100, 110, 500,
 * 105; the workload (7,000 tokens) needs two running epochs; resuming costs 0.2 kWh at the epoch's CI.
 */
class StateRulesTest {

    private static final int P = Problem.PAUSED;
    private static final double[] CI = {100, 110, 500, 105};
    private static final List<String> SOLVERS = List.of("cpsat", "mip", "label", "timefold");
    private static final SolveSettings SETTINGS = new SolveSettings(20, 1, 3, Map.of());

    private static Problem plain() {
        Instance instance = new Instance("rules", Instant.parse("2024-01-01T00:00:00Z"), 60, 4, 7000, 8, 1.0, 0, 0,
                new Reconfiguration(0, 0, 0), new CarbonIntensitySource(Path.of("none.csv"), null),
                List.of(new Option(1, 1, 1, 1, 1.0, 1000)), null);
        return new Problem(instance, CI);
    }

    private static Problem withRules(boolean forbidOptionAtEpoch0, boolean forbidPauseAtEpoch2) {
        double[][] kwh = {{0, 0.2}, {0, 0}};
        boolean[][] forbidden = new boolean[4][2];
        forbidden[0][1] = forbidOptionAtEpoch0;
        forbidden[2][0] = forbidPauseAtEpoch2;
        return new StateRuleProblem(plain(), kwh, forbidden);
    }

    @Test
    void withoutRulesTheTwoCleanestEpochsRun() {
        expect(plain(), new int[] {0, P, P, 0}, 100 + 105);
    }

    @Test
    void transitionGramsMakeOneRunCheaperThanTwoResumes() {
        // [0, 0, P, P]: 100 + 110 + one resume at 0.2 * 100; [0, P, P, 0] would pay 205 + 20 + 21.
        expect(withRules(false, false), new int[] {0, 0, P, P}, 210 + 20);
    }

    @Test
    void aForbiddenOptionMovesTheRun() {
        expect(withRules(true, false), new int[] {P, 0, P, 0}, 110 + 105 + 22 + 21);
    }

    @Test
    void aForbiddenPauseForcesARunThroughTheDirtyEpoch() {
        expect(withRules(true, true), new int[] {P, 0, 0, P}, 110 + 500 + 22);
    }

    private static void expect(Problem problem, int[] states, double grams) {
        assertThat(PlanEvaluator.evaluate(problem, new Plan(states)).totalKg()).isCloseTo(grams / 1000, within(1e-12));
        List<SolveSettings> settings = List.of(SETTINGS, SETTINGS.withParameter("presolve", "none"),
                SETTINGS.withParameter("moveLimit", "5000"));
        for (String solver : SOLVERS) {
            for (SolveSettings setting : solver.equals("cpsat") ? settings.subList(0, 2)
                    : solver.equals("timefold") ? settings.subList(2, 3) : settings.subList(0, 1)) {
                SolveResult result = Solvers.create(solver).solve(problem, setting);
                String what = solver + " " + setting.parameters();
                assertThat(result.status()).as(what).isIn(SolveStatus.OPTIMAL, SolveStatus.FEASIBLE);
                assertThat(result.plan()).as(what).isEqualTo(new Plan(states));
                assertThat(result.objectiveKg()).as(what).isCloseTo(grams / 1000, within(1e-9));
                if (!solver.equals("timefold")) {
                    assertThat(result.status()).as(what).isEqualTo(SolveStatus.OPTIMAL);
                }
            }
        }
    }
}
