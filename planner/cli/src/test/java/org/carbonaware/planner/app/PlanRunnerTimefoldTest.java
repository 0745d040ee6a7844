package org.carbonaware.planner.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.carbonaware.planner.domain.CarbonIntensitySource;
import org.carbonaware.planner.domain.Instance;
import org.carbonaware.planner.domain.Option;
import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.domain.Reconfiguration;
import org.carbonaware.planner.formulation.Solvers;
import org.carbonaware.planner.solve.SolveSettings;
import org.carbonaware.planner.solve.SolveStatus;
import org.junit.jupiter.api.Test;

/** {@code --solver timefold} through the registry and the validator, as plan and bench run it. */
class PlanRunnerTimefoldTest {

    @Test
    void timefoldPlanIsValidatedAndReachesTheWorkload() {
        double[] carbonIntensity = {300, 90, 110, 500, 80};
        Instance instance = new Instance("tiny", Instant.parse("2024-01-01T00:00:00Z"), 60, carbonIntensity.length,
                2.5 * 2000 * 3600, 16, 1.1, 4.0, 50, new Reconfiguration(10, 3, 20),
                new CarbonIntensitySource(null, null),
                List.of(new Option(4, 2, 1, 8, 1000, 3000), new Option(8, 2, 1, 16, 2000, 6100)), null);
        Problem problem = new Problem(instance, carbonIntensity);
        SolveSettings settings = new SolveSettings(10, 1, 1, Map.of("moveLimit", "5000"));

        PlanRunner.Outcome outcome = PlanRunner.run(problem, "timefold", settings);

        assertThat(Solvers.names()).contains("timefold");
        assertThat(Solvers.create("timefold").version()).startsWith("Timefold Solver 2.");
        assertThat(outcome.result().status()).isEqualTo(SolveStatus.FEASIBLE);
        assertThat(outcome.hasPlan()).isTrue();
        assertThat(outcome.evaluation().tokens()).isGreaterThanOrEqualTo(problem.workloadTokens());
        assertThat(outcome.result().objectiveKg()).isCloseTo(outcome.evaluation().totalKg(), org.assertj.core.data.Offset.offset(1e-9));
    }
}
