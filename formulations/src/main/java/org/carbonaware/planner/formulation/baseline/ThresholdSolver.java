package org.carbonaware.planner.formulation.baseline;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.carbonaware.planner.domain.Plan;
import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.solve.SolveResult;
import org.carbonaware.planner.solve.SolveSettings;
import org.carbonaware.planner.solve.SolveStatus;
import org.carbonaware.planner.solve.SolverOption;

/**
 * TheGreenEpoch's pause/resume policy: the fastest option runs in every epoch whose carbon intensity is at most
 * the threshold and pauses otherwise; once the workload is reached the job stays paused. Resume losses are
 * counted exactly as the validator counts them.
 *
 * <p>The threshold (gCO2eq/kWh) comes from the option {@code threshold}; a threshold too low to reach the workload
 * is INFEASIBLE with the lowest one that would do. Without it the policy uses the lowest
 * of the problem's distinct epoch carbon intensities whose plan still reaches the workload by the deadline.
 * Raising the threshold only adds running epochs, and each added epoch adds tokens (a resume loses less than an
 * epoch), so the search is a bisection over the sorted distinct values.
 */
public final class ThresholdSolver extends AbstractFastestOptionSolver {

    public static final String NAME = "threshold";
    public static final SolverOption<Double> THRESHOLD = SolverOption.decimal("threshold",
            "carbon-intensity threshold in gCO2eq/kWh: run at or below it, pause above").atLeast(0)
            .absentMeans("the lowest that meets the deadline");

    public ThresholdSolver() {
        super(NAME, "compares one site's carbon intensity with its threshold", false);
    }

    @Override
    public String summary() {
        return "TheGreenEpoch's pause/resume: the fastest option in epochs at or below a carbon-intensity threshold";
    }

    @Override
    public List<SolverOption<?>> options() {
        return List.of(THRESHOLD);
    }

    @Override
    SolveResult solve(Problem problem, SolveSettings settings, int fastest, long started) {
        Double threshold = THRESHOLD.get(settings);
        Map<String, Object> statistics = new LinkedHashMap<>();
        statistics.put("option", problem.stateLabel(fastest));
        if (threshold != null) {
            Plan plan = plan(problem, fastest, threshold);
            if (plan == null) {
                // Infeasible for this threshold whatever the time limit; say which threshold would do.
                Double lowest = lowestFeasibleThreshold(problem, fastest);
                return Baselines.noPlan(this, SolveStatus.INFEASIBLE,
                        "threshold %s gCO2eq/kWh leaves too few running epochs to reach the workload by the deadline%s"
                                .formatted(number(threshold), lowest == null
                                        ? " (the fastest option misses it even without pauses)"
                                        : ". Maybe --threshold " + number(lowest) + ", the lowest that does?"),
                        started, settings);
            }
            statistics.put("thresholdGramsPerKwh", threshold);
            return Baselines.feasible(this, problem, plan, started, settings, null, statistics);
        }
        Double lowest = lowestFeasibleThreshold(problem, fastest);
        if (lowest == null) {
            return Baselines.noPlan(this, SolveStatus.INFEASIBLE,
                    "the fastest option %s does not reach the workload by the deadline even without pauses"
                            .formatted(problem.stateLabel(fastest)), started, settings);
        }
        statistics.put("thresholdGramsPerKwh", lowest);
        return Baselines.feasible(this, problem, plan(problem, fastest, lowest), started, settings,
                "lowest feasible threshold %s gCO2eq/kWh".formatted(number(lowest)), statistics);
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }

    /** The plan of one threshold, or null when it does not reach the workload. */
    static Plan plan(Problem problem, int option, double thresholdGramsPerKwh) {
        boolean[] runnable = new boolean[problem.epochCount()];
        for (int t = 0; t < runnable.length; t++) {
            runnable[t] = problem.carbonIntensity(t) <= thresholdGramsPerKwh;
        }
        return Baselines.runWhereAllowed(problem, option, runnable);
    }

    /** The lowest distinct epoch carbon intensity whose threshold plan reaches the workload, or null. */
    static Double lowestFeasibleThreshold(Problem problem, int option) {
        double[] values = Arrays.stream(problem.carbonIntensities()).sorted().distinct().toArray();
        if (values.length == 0 || plan(problem, option, values[values.length - 1]) == null) {
            return null;
        }
        int low = 0;
        int high = values.length - 1; // feasible
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (plan(problem, option, values[middle]) != null) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        return values[high];
    }
}
