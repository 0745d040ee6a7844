package org.carbonaware.planner.formulation.baseline;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.carbonaware.planner.domain.Option;
import org.carbonaware.planner.domain.Plan;
import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.solve.SolveResult;
import org.carbonaware.planner.solve.SolveSettings;
import org.carbonaware.planner.solve.SolveStatus;
import org.carbonaware.planner.validate.PlanEvaluator;

/**
 * Fixed-fastest at the best fixed power cap, what a user of a per-job power-limit tuner (Zeus) runs: for every
 * power limit in the option table (the default included), the fastest option at that limit runs from epoch 0 without
 * a pause; the limit whose run emits least and still meets the deadline wins (ties: the faster one). Without caps in
 * the table this is fixed-fastest.
 */
public final class FixedFastestCapSolver extends AbstractFastestOptionSolver {

    public static final String NAME = "fixed-fastest-cap";

    public FixedFastestCapSolver() {
        super(NAME, "compares the power limits of one site's option table", false);
    }

    @Override
    public String summary() {
        return "fixed-fastest at the best fixed power cap: the fastest option of each cap from epoch 0, the cap emitting least";
    }

    @Override
    SolveResult solve(Problem problem, SolveSettings settings, int fastest, long started) {
        List<Option> options = problem.optionList();
        Set<Double> caps = new LinkedHashSet<>();
        options.forEach(o -> caps.add(o.powerCapWatts()));
        boolean[] always = new boolean[problem.epochCount()];
        Arrays.fill(always, true);
        Plan best = null;
        int bestOption = Problem.PAUSED;
        double bestKg = Double.POSITIVE_INFINITY;
        for (Double cap : caps) {
            List<Option> atCap = options.stream().filter(o -> Objects.equals(o.powerCapWatts(), cap)).toList();
            int option = options.indexOf(Option.fastest(atCap).orElseThrow());
            Plan plan = Baselines.runWhereAllowed(problem, option, always);
            if (plan == null) {
                continue; // this limit is too slow for the deadline
            }
            double kg = PlanEvaluator.evaluate(problem, plan).totalKg();
            boolean faster = best != null && kg == bestKg && Option.FASTEST_FIRST.compare(problem.option(option), problem.option(bestOption)) < 0;
            if (kg < bestKg || faster) {
                best = plan;
                bestOption = option;
                bestKg = kg;
            }
        }
        if (best == null) {
            return Baselines.noPlan(this, SolveStatus.INFEASIBLE,
                    "the fastest option of no power limit, run without a pause, reaches the workload by the deadline", started, settings);
        }
        Map<String, Object> statistics = new LinkedHashMap<>();
        statistics.put("option", problem.stateLabel(bestOption));
        Double cap = problem.option(bestOption).powerCapWatts();
        statistics.put("powerCapWatts", cap == null ? "default" : cap);
        statistics.put("capsTried", caps.size());
        return Baselines.feasible(this, problem, best, started, settings, null, statistics);
    }
}
