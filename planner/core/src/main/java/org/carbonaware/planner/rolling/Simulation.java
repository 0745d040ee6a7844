package org.carbonaware.planner.rolling;

import java.util.List;

import org.carbonaware.planner.domain.Plan;
import org.carbonaware.planner.validate.Evaluation;

/**
 * The executed plan of a rolling-horizon run, scored on the actual trace, and its re-plans.
 *
 * @param plan the committed states of every epoch (an ordinary plan of the problem on the actual trace), or null
 *     when the problem is infeasible
 * @param evaluation the validator's recomputation of {@code plan} on the actual trace
 * @param solveSeconds total wall-clock time of the solves
 * @param message why there is no plan, else null
 */
public record Simulation(Plan plan, Evaluation evaluation, List<Replan> replanList, double solveSeconds, String message) {

    public Simulation {
        replanList = List.copyOf(replanList);
    }

    public boolean hasPlan() {
        return plan != null;
    }

    public double totalKg() {
        return evaluation == null ? Double.NaN : evaluation.totalKg();
    }

    /** The least slack of any re-plan (hours). */
    public double minSlackHours() {
        return replanList.stream().mapToDouble(Replan::slackHours).min().orElse(Double.NaN);
    }
}
