package org.carbonaware.planner.formulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.formulation.graph.PlanImprover;
import org.carbonaware.planner.formulation.graph.PreparedGraph;
import org.carbonaware.planner.solve.Deadline;
import org.carbonaware.planner.solve.PlanSolver;
import org.carbonaware.planner.solve.SolveResult;
import org.carbonaware.planner.solve.SolveSettings;
import org.junit.jupiter.api.Test;

/** Exact solves start from the best plan of the cheap baselines, so none of them can beat the exact result. */
class SeedPlansTest {

    static final SolveSettings SETTINGS = new SolveSettings(10, 1, 1, Map.of());

    private static double bestBaselineGrams(Problem problem, List<PlanSolver> baselines) {
        double best = Double.POSITIVE_INFINITY;
        for (PlanSolver baseline : baselines) {
            SolveResult result = baseline.solve(problem, SETTINGS);
            if (result.plan() != null) {
                best = Math.min(best, result.objectiveKg() * 1000);
            }
        }
        return best;
    }

    @Test
    void thePresolvesIncumbentIsNeverWorseThanAnyCheapBaseline() {
        List<PlanSolver> baselines = Solvers.seedSolvers();
        int seedBetter = 0;
        for (long seed = 1; seed <= 200; seed++) {
            Problem problem = RandomInstances.tiny(seed);
            double baselineGrams = bestBaselineGrams(problem, baselines);
            // presolve=bound stops after the Lagrangian step: no label setting, no model to make up for a weak incumbent.
            SolveSettings settings = SETTINGS.withParameter("presolve", "bound");
            PreparedGraph unseeded = PreparedGraph.prepare(problem, settings, "bound", Deadline.start(settings), List.of());
            PreparedGraph seeded = PreparedGraph.prepare(problem, settings, "bound", Deadline.start(settings), baselines);
            if (seeded.incumbent() == null) {
                assertThat(baselineGrams).as("seed %d", seed).isInfinite();
                continue;
            }
            double grams = PlanImprover.grams(seeded.graph(), seeded.incumbent());
            assertThat(grams).as("seed %d", seed).isLessThanOrEqualTo(baselineGrams * (1 + 1e-12));
            if (unseeded.incumbent() == null || PlanImprover.grams(unseeded.graph(), unseeded.incumbent()) > baselineGrams * (1 + 1e-9)) {
                seedBetter++;
            }
        }
        // Not vacuous: without the seeds the Lagrangian incumbent alone loses to a baseline on some instances.
        assertThat(seedBetter).isPositive();
    }

    @Test
    void everyExactSolverIsAtLeastAsGoodAsEveryCheapBaselineAndSaysWhichSeedItHad() {
        List<PlanSolver> baselines = Solvers.seedSolvers();
        for (long seed = 1; seed <= 40; seed++) {
            Problem problem = RandomInstances.tiny(seed);
            double baselineGrams = bestBaselineGrams(problem, baselines);
            for (String name : List.of("cpsat", "label")) {
                SolveResult result = Solvers.create(name).solve(problem, SETTINGS);
                if (Double.isFinite(baselineGrams)) {
                    assertThat(result.plan()).as("%s seed %d", name, seed).isNotNull();
                    assertThat(result.objectiveKg() * 1000).as("%s seed %d", name, seed)
                            .isLessThanOrEqualTo(baselineGrams * (1 + 1e-9));
                    assertThat(result.statistics()).containsKey("seedKg");
                }
            }
        }
    }
}
