package org.carbonaware.planner.formulation.baseline;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.carbonaware.planner.domain.Plan;
import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.common.InputException;
import org.carbonaware.planner.solve.SolveResult;
import org.carbonaware.planner.solve.SolveSettings;
import org.carbonaware.planner.solve.SolveStatus;

/**
 * TheGreenEpoch's pause/resume policy: the fastest option runs in every epoch whose carbon intensity is at most
 * the threshold and pauses otherwise; once the workload is reached the job stays paused. Resume losses are
 * counted exactly as the validator counts them.
 *
 * <p>The threshold (gCO2eq/kWh) comes from the parameter {@code threshold}; without it the policy uses the lowest
 * of the problem's distinct epoch carbon intensities whose plan still reaches the workload by the deadline.
 * Raising the threshold only adds running epochs, and each added epoch adds tokens (a resume loses less than an
 * epoch), so the search is a bisection over the sorted distinct values.
 */
public final class ThresholdSolver extends AbstractFastestOptionSolver {

    public static final String NAME = "threshold";
    public static final String PARAMETER = "threshold";

    public ThresholdSolver() {
        super(NAME, "compares one site's carbon intensity with its threshold", false);
    }

    @Override
    SolveResult solve(Problem problem, SolveSettings settings, int fastest, long started) {
        String given = settings.parameter(PARAMETER, null);
        Map<String, Object> statistics = new LinkedHashMap<>();
        statistics.put("option", problem.stateLabel(fastest));
        if (given != null) {
            double threshold;
            try {
                threshold = Double.parseDouble(given.trim());
            } catch (NumberFormatException e) {
                throw new InputException("threshold=%s is not a number of gCO2eq/kWh. Maybe --threshold 250?".formatted(given));
            }
            Plan plan = plan(problem, fastest, threshold);
            if (plan == null) {
                Double lowest = lowestFeasibleThreshold(problem, fastest);
                return Baselines.noPlan(NAME, SolveStatus.UNKNOWN,
                        "threshold %s gCO2eq/kWh leaves too few running epochs to reach the workload by the deadline%s"
                                .formatted(given, lowest == null ? "" : "; the lowest threshold that does is " + lowest),
                        started, settings);
            }
            statistics.put("thresholdGramsPerKwh", threshold);
            return Baselines.feasible(NAME, problem, plan, started, settings, null, statistics);
        }
        Double lowest = lowestFeasibleThreshold(problem, fastest);
        if (lowest == null) {
            return Baselines.noPlan(NAME, SolveStatus.INFEASIBLE,
                    "the fastest option %s does not reach the workload by the deadline even without pauses"
                            .formatted(problem.stateLabel(fastest)), started, settings);
        }
        statistics.put("thresholdGramsPerKwh", lowest);
        return Baselines.feasible(NAME, problem, plan(problem, fastest, lowest), started, settings,
                "lowest feasible threshold %s gCO2eq/kWh".formatted(lowest), statistics);
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
