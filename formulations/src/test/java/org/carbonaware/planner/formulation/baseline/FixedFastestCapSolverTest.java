package org.carbonaware.planner.formulation.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.carbonaware.planner.domain.CarbonIntensitySource;
import org.carbonaware.planner.domain.Instance;
import org.carbonaware.planner.domain.Option;
import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.domain.Reconfiguration;
import org.carbonaware.planner.solve.SolveResult;
import org.carbonaware.planner.solve.SolveSettings;
import org.carbonaware.planner.solve.SolveStatus;
import org.carbonaware.planner.validate.PlanEvaluator;
import org.junit.jupiter.api.Test;

/**
 * Six hourly epochs, CI 100 each, workload 14,400 tokens, no resume loss. Default limit: 2 tokens/s at 200 W (2 epochs, 40 g); the
 * 150 W cap: 1.6 tokens/s at 150 W (2.5 epochs, 3 epochs run: 45 g); the 100 W cap: 1.2 tokens/s at 100 W
 * (3.33 epochs, 4 run: 40 g at 100 W, a tie broken for the faster default; 32 g at 80 W); the 80 W cap: 0.6 tokens/s, too slow for the deadline.
 */
class FixedFastestCapSolverTest {

    private static final SolveSettings SETTINGS = new SolveSettings(10, 1, 1, Map.of());

    private static Problem problem(double secondCapWatts) {
        List<Option> options = List.of(
                new Option("full", 2, 1, 1, 2, 2.0, 200, null),
                new Option("cap-a", 2, 1, 1, 2, 1.6, 150, 150.0),
                new Option("cap-b", 2, 1, 1, 2, 1.2, secondCapWatts, 100.0),
                new Option("cap-c", 2, 1, 1, 2, 0.6, 60, 80.0));
        Instance instance = new Instance("caps", Instant.parse("2023-01-01T00:00:00Z"), 60, 6, 14400, 8, 1.0, 0, 0,
                new Reconfiguration(0, 3, 10, 0.5), new CarbonIntensitySource(Path.of("unused.csv"), null), options, null);
        return new Problem(instance, new double[] {100, 100, 100, 100, 100, 100});
    }

    @Test
    void theCapWhoseFastestOptionEmitsLeastWinsAndTiesGoToTheFasterOne() {
        SolveResult tie = new FixedFastestCapSolver().solve(problem(100), SETTINGS);
        assertThat(tie.status()).isEqualTo(SolveStatus.FEASIBLE);
        assertThat(tie.statistics()).containsEntry("option", "full").containsEntry("powerCapWatts", "default").containsEntry("capsTried", 4);
        SolveResult capped = new FixedFastestCapSolver().solve(problem(80), SETTINGS);
        assertThat(capped.statistics()).containsEntry("option", "cap-b").containsEntry("powerCapWatts", 100.0);
        assertThat(capped.objectiveKg()).isLessThan(new FixedFastestSolver().solve(problem(80), SETTINGS).objectiveKg());
        assertThat(PlanEvaluator.evaluate(problem(80), capped.plan()).resumes()).isEqualTo(1);
    }

    @Test
    void dpOnlyFamiliesLeaveTheCapsOut() {
        assertThat(Baselines.fastestFamily(problem(100))).containsExactly(0);
    }
}
