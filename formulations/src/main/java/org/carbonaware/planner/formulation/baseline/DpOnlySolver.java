package org.carbonaware.planner.formulation.baseline;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.carbonaware.planner.domain.Option;
import org.carbonaware.planner.domain.Plan;
import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.solve.PlanSolver;
import org.carbonaware.planner.solve.SolveResult;
import org.carbonaware.planner.solve.SolveSettings;
import org.carbonaware.planner.solve.SolveStatus;
import org.carbonaware.planner.solve.SolverOption;

/**
 * Carbon-aware DP scaling without TP/PP retuning: TP and PP stay those of the fastest option and every epoch
 * chooses a DP degree of that family or a pause. Solved exactly by an exact solver on the restricted option table
 * (the registry hands it in: CP-SAT), so the gap between this and the exact planner on the full table is the value
 * of retuning TP/PP. It takes the exact solver's options and reports its version. Reported FEASIBLE: optimal for
 * the restricted table only.
 */
public final class DpOnlySolver extends AbstractFastestOptionSolver {

    public static final String NAME = "dp-only";

    private final PlanSolver exact;

    /** @param exact the solver of the restricted table */
    public DpOnlySolver(PlanSolver exact) {
        super(NAME, "chooses DP degrees within one site's tp/pp family", false);
        this.exact = exact;
    }

    @Override
    public String version() {
        return exact.version();
    }

    @Override
    public String summary() {
        return "DP scaling only: %s on the fastest option's tp/pp family".formatted(exact.name());
    }

    @Override
    public List<SolverOption<?>> options() {
        return exact.options();
    }

    @Override
    public void checkOptions(SolveSettings settings) {
        exact.checkOptions(settings);
    }

    /** At most the exact solver's on the whole table (the family is part of it). */
    @Override
    public long heapBytes(Problem problem, SolveSettings settings) {
        return exact.heapBytes(problem, settings);
    }

    @Override
    SolveResult solve(Problem problem, SolveSettings settings, int fastest, long started) {
        List<Integer> familyIndices = Baselines.fastestFamily(problem);
        List<Option> family = familyIndices.stream().map(problem::option).toList();
        Problem restricted = problem.withOptions(family);
        // The exact solver gets what is left of the limit (choosing the family took some of it).
        double left = settings.timeLimitSeconds() - Baselines.seconds(started);
        SolveResult inner = exact.solve(restricted, settings.withTimeLimit(Math.max(0.01, left)));
        Map<String, Object> statistics = new LinkedHashMap<>();
        statistics.put("family", family.get(0).familyLabel());
        statistics.put("familyOptions", family.size());
        statistics.put("restrictedStatus", inner.status().name());
        statistics.put("restrictedBestBoundKg", inner.bestBoundKg());
        if (!inner.status().hasPlan() || inner.plan() == null) {
            String reason = inner.status() == SolveStatus.INFEASIBLE
                    ? "no plan within the %s family reaches the workload by the deadline".formatted(family.get(0).familyLabel())
                    : "%s found no plan on the %s family within the time limit".formatted(exact.name(), family.get(0).familyLabel());
            return Baselines.noPlan(this, inner.status() == SolveStatus.INFEASIBLE ? SolveStatus.INFEASIBLE : SolveStatus.UNKNOWN,
                    reason, started, settings);
        }
        int[] states = inner.plan().stateByEpoch();
        for (int t = 0; t < states.length; t++) {
            if (states[t] != Problem.PAUSED) {
                states[t] = familyIndices.get(states[t]);
            }
        }
        return Baselines.feasible(this, problem, new Plan(states), started, settings, null, statistics);
    }
}
