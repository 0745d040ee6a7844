package org.carbonaware.planner.formulation.baseline;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.carbonaware.planner.common.InputException;
import org.carbonaware.planner.common.Spelling;
import org.carbonaware.planner.domain.Option;
import org.carbonaware.planner.domain.Plan;
import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.solve.PlanSolver;
import org.carbonaware.planner.solve.SolveResult;
import org.carbonaware.planner.solve.SolveSettings;
import org.carbonaware.planner.solve.SolveStatus;
import org.carbonaware.planner.solve.SolverOption;
import org.carbonaware.planner.validate.PlanEvaluator;

/**
 * Each site alone, running continuously: the single-site baseline of the curtailment study. One site runs its
 * fastest option from epoch 0 without a pause until the workload is reached, every other site stays off. The plan
 * is that of the site named by the option {@code site}, or by default of the site whose plan emits least; the
 * statistics give every site's total (NaN where the site alone misses the deadline), so one run reports all of
 * them. With one site it is {@code fixed-fastest}.
 */
public final class SiteAloneSolver implements PlanSolver {

    public static final String NAME = "site-alone";
    public static final SolverOption<String> SITE = SolverOption.text("site", "the site that runs alone (its name)")
            .absentMeans("the site whose plan emits least");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String summary() {
        return "each site alone: one site's fastest option from epoch 0 without a pause, the others off";
    }

    @Override
    public List<SolverOption<?>> options() {
        return List.of(SITE);
    }

    @Override
    public SolveResult solve(Problem problem, SolveSettings settings) {
        long started = System.nanoTime();
        String wanted = SITE.get(settings);
        int chosen = wanted == null ? -1 : siteIndex(problem, wanted);
        Map<String, Object> kgBySite = new LinkedHashMap<>();
        Map<String, Object> finishHoursBySite = new LinkedHashMap<>();
        Plan best = null;
        double bestKg = Double.POSITIVE_INFINITY;
        int bestSite = -1;
        for (int s = 0; s < problem.siteCount(); s++) {
            Plan plan = alone(problem, s);
            double kg = Double.NaN;
            double finish = Double.NaN;
            if (plan != null) {
                var evaluation = PlanEvaluator.evaluate(problem, plan);
                kg = evaluation.totalKg();
                finish = evaluation.finishHours();
                if (chosen == s || chosen < 0 && kg < bestKg) {
                    best = plan;
                    bestKg = kg;
                    bestSite = s;
                }
            }
            kgBySite.put(problem.site(s).name(), kg);
            finishHoursBySite.put(problem.site(s).name(), finish);
        }
        if (best == null) {
            String which = chosen >= 0 ? "site " + problem.site(chosen).name() + " alone" : "no site alone";
            return Baselines.noPlan(this, SolveStatus.INFEASIBLE,
                    "%s reaches the workload by the deadline running its fastest option without a pause".formatted(which),
                    started, settings);
        }
        Map<String, Object> statistics = new LinkedHashMap<>();
        statistics.put("site", problem.site(bestSite).name());
        statistics.put("kgBySite", kgBySite);
        statistics.put("finishHoursBySite", finishHoursBySite);
        return Baselines.feasible(this, problem, best, started, settings, null, statistics);
    }

    private static int siteIndex(Problem problem, String name) {
        for (int s = 0; s < problem.siteCount(); s++) {
            if (problem.site(s).name().equals(name)) {
                return s;
            }
        }
        List<String> names = problem.instance().siteList().stream().map(site -> site.name()).toList();
        String hint = Spelling.closest(name, names);
        throw new InputException("site-alone: site '%s' is not a site of %s (sites: %s). Maybe %s?".formatted(name,
                problem.name(), String.join(", ", names), hint != null ? "--param site=" + hint : "one of those"));
    }

    /** Site {@code site}'s fastest option from epoch 0 without a pause, the others off; null if it misses the deadline. */
    static Plan alone(Problem problem, int site) {
        List<Option> options = problem.siteOptionList(site);
        Option fastest = Option.fastest(options).orElse(null);
        if (fastest == null) {
            return null;
        }
        int[] configuration = new int[problem.siteCount()];
        Arrays.fill(configuration, Problem.PAUSED);
        configuration[site] = options.indexOf(fastest);
        int state = problem.stateOf(configuration);
        if (state < 0) {
            return null; // not a state of the problem (outside the capacity limits)
        }
        boolean[] always = new boolean[problem.epochCount()];
        Arrays.fill(always, true);
        return Baselines.runWhereAllowed(problem, state, always);
    }
}
