package org.carbonaware.planner.formulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.carbonaware.planner.domain.CarbonIntensitySource;
import org.carbonaware.planner.domain.Instance;
import org.carbonaware.planner.domain.Option;
import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.domain.Reconfiguration;
import org.carbonaware.planner.solve.IncumbentTrace;
import org.carbonaware.planner.solve.SolveResult;
import org.carbonaware.planner.solve.SolveSettings;
import org.junit.jupiter.api.Test;

/** The improvements CP-SAT, MPSolver and Timefold report while solving, as the benchmark report draws them. */
class IncumbentTracesTest {

    /** Two days of hourly epochs and eight options: big enough that the searches improve their plans in steps. */
    private static Problem problem() {
        Random random = new Random(11);
        List<Option> options = new ArrayList<>();
        for (int dp = 1; dp <= 8; dp++) {
            int tp = dp % 2 == 0 ? 2 : 1;
            options.add(new Option(dp, tp, 1, dp * tp, 1000 * dp * tp * Math.pow(0.93, dp), 400.0 * dp * tp));
        }
        double[] ci = new double[48];
        for (int t = 0; t < ci.length; t++) {
            ci[t] = 250 + 150 * Math.sin(t / 24.0 * 2 * Math.PI) + 60 * random.nextDouble();
        }
        double fastest = options.stream().mapToDouble(Option::tokensPerSecond).max().orElseThrow();
        Instance instance = new Instance("traces", Instant.parse("2024-01-01T00:00:00Z"), 60, 48, fastest * 3600 * 30, 64, 1.1, 2,
                0, new Reconfiguration(10, 4, 20), new CarbonIntensitySource(Path.of("none.csv"), null), options, null);
        return new Problem(instance, ci);
    }

    private static List<List<Double>> trace(SolveResult result) {
        @SuppressWarnings("unchecked")
        List<List<Double>> trace = (List<List<Double>>) result.statistics().get(IncumbentTrace.STATISTIC);
        assertThat(trace).as(result.solver() + " " + result.statistics()).isNotEmpty();
        for (int i = 1; i < trace.size(); i++) {
            assertThat(trace.get(i).get(0)).isGreaterThanOrEqualTo(trace.get(i - 1).get(0));
            assertThat(trace.get(i).get(1)).isLessThan(trace.get(i - 1).get(1));
        }
        assertThat(trace.get(0).get(0)).isEqualTo(result.firstFeasibleSeconds());
        return trace;
    }

    @Test
    void cpSatRecordsEverySolutionItsCallbackSees() {
        SolveResult result = Solvers.create("cpsat").solve(problem(), new SolveSettings(20, 1, 3, Map.of("presolve", "none")));
        List<List<Double>> trace = trace(result);
        // without the presolve every point is a CP-SAT solution; the last is the plan (up to the integer rounding)
        double roundingKg = (double) result.statistics().get("maxRoundingErrorKg");
        assertThat(trace.get(trace.size() - 1).get(1)).isCloseTo(result.objectiveKg(), within(roundingKg + 1e-9));
        assertThat(trace.size()).isGreaterThan(1);
    }

    @Test
    void mipRecordsThePresolvePlanThenItsOwn() {
        SolveResult result = Solvers.create("mip").solve(problem(), new SolveSettings(20, 1, 3, Map.of()));
        List<List<Double>> trace = trace(result);
        assertThat(trace.get(0).get(1)).isCloseTo((double) result.statistics().get("lagrangianIncumbentKg"), within(1e-9));
        assertThat(trace.get(trace.size() - 1).get(1)).isCloseTo(result.objectiveKg(), within(1e-6 * result.objectiveKg()));
    }

    @Test
    void timefoldRecordsItsBestSolutionEvents() {
        SolveResult result = Solvers.create("timefold").solve(problem(),
                new SolveSettings(20, 1, 3, Map.of("warmStart", "none", "moveLimit", "20000")));
        List<List<Double>> trace = trace(result);
        assertThat(trace.size()).isGreaterThan(1);
        // the last improvement is the returned plan, in Timefold's milligram units
        assertThat(trace.get(trace.size() - 1).get(1)).isCloseTo(result.objectiveKg(), within(1e-6 * result.objectiveKg()));
    }
}
