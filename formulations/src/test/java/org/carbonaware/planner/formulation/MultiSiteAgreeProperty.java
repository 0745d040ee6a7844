package org.carbonaware.planner.formulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.statistics.Statistics;
import org.carbonaware.planner.domain.Availability;
import org.carbonaware.planner.domain.CarbonIntensitySource;
import org.carbonaware.planner.domain.Federation;
import org.carbonaware.planner.domain.Instance;
import org.carbonaware.planner.domain.Option;
import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.domain.Provisioning;
import org.carbonaware.planner.domain.Reconfiguration;
import org.carbonaware.planner.domain.Site;
import org.carbonaware.planner.formulation.graph.StateGraph;
import org.carbonaware.planner.solve.SolveResult;
import org.carbonaware.planner.solve.SolveSettings;
import org.carbonaware.planner.solve.SolveStatus;
import org.carbonaware.planner.validate.Evaluation;
import org.carbonaware.planner.validate.PlanEvaluator;
import org.carbonaware.planner.validate.PlanValidator;

/**
 * On random tiny two-site instances (federation factor, provisioning and deprovisioning, availability, the
 * cross-site limit, sometimes round-boundary switching) CP-SAT, MPSolver and the label setting find the optimum of
 * a brute force over every per-site configuration, dominated combinations included, and Timefold's plans are valid.
 */
class MultiSiteAgreeProperty {

    private static final SolveSettings ONE_WORKER = new SolveSettings(20, 1, 7, Map.of());

    @Property(tries = 40, seed = "20261202")
    void exactSolversFindTheBruteForceOptimumOfTwoSites(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        Problem problem = twoSites(seed);
        double optimumKg = bruteForceKg(problem);
        Statistics.label("feasible").collect(Double.isFinite(optimumKg));
        Statistics.label("dominated").collect(problem.stateSpace().dominated() > 0);
        for (SolveSettings settings : List.of(ONE_WORKER, ONE_WORKER.withParameter("presolve", "none"))) {
            check(problem, optimumKg, Solvers.create("cpsat").solve(problem, settings));
        }
        check(problem, optimumKg, Solvers.create("mip").solve(problem, ONE_WORKER));
        check(problem, optimumKg, Solvers.create("label").solve(problem, ONE_WORKER));
        SolveResult timefold = Solvers.create("timefold").solve(problem, ONE_WORKER.withParameter("moveLimit", "3000"));
        if (!Double.isFinite(optimumKg)) {
            assertThat(timefold.status()).isEqualTo(SolveStatus.UNKNOWN);
        } else if (timefold.status() == SolveStatus.FEASIBLE) {
            assertThat(PlanValidator.validate(problem, timefold.plan()).violations()).isEmpty();
            assertThat(PlanEvaluator.evaluate(problem, timefold.plan()).totalKg()).isGreaterThanOrEqualTo(optimumKg * (1 - 1e-9));
        }
        Statistics.label("feasible").coverage(coverage -> coverage.check(true).percentage(p -> p >= 50));
        Statistics.label("dominated").coverage(coverage -> coverage.check(true).percentage(p -> p >= 5));
    }

    /**
     * The heap estimate counts the per-epoch transition table only when {@link Problem#hasTransitionGrams()}: a problem
     * that says it has none has no non-zero term, so the state graph keeps no transition table at all.
     */
    @Property(tries = 200, seed = "20261203")
    void aProblemWithoutTransitionGramsHasNoNonZeroTerm(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        Problem problem = twoSites(seed);
        StateGraph graph = new StateGraph(problem);
        Statistics.label("transition grams").collect(problem.hasTransitionGrams());
        if (!problem.hasTransitionGrams()) {
            assertThat(graph.hasTransitionGrams()).isFalse();
            for (int t = 0; t < problem.epochCount(); t++) {
                for (int a = Problem.PAUSED; a < problem.stateCount(); a++) {
                    for (int b = Problem.PAUSED; b < problem.stateCount(); b++) {
                        assertThat(problem.transitionGrams(t, a, b)).isZero();
                    }
                }
            }
        }
        Statistics.label("transition grams").coverage(coverage -> {
            coverage.check(true).percentage(p -> p >= 10);
            coverage.check(false).percentage(p -> p >= 10);
        });
    }

    private static void check(Problem problem, double optimumKg, SolveResult result) {
        String what = result.solver() + " on " + problem.name() + " " + result.statistics();
        if (!Double.isFinite(optimumKg)) {
            assertThat(result.status()).as(what).isEqualTo(SolveStatus.INFEASIBLE);
            return;
        }
        assertThat(result.status()).as(what).isEqualTo(SolveStatus.OPTIMAL);
        assertThat(PlanValidator.validate(problem, result.plan()).violations()).as(what).isEmpty();
        double kg = PlanEvaluator.evaluate(problem, result.plan()).totalKg();
        assertThat(kg).as(what).isCloseTo(optimumKg, within(1e-6 * Math.max(optimumKg, 1e-9)));
        assertThat(result.bestBoundKg()).as(what).isLessThanOrEqualTo(kg * (1 + 1e-6) + 1e-12);
    }

    static Problem twoSites(long seed) {
        Random random = new Random(seed);
        int epochs = 2 + random.nextInt(4);
        int epochMinutes = random.nextBoolean() ? 60 : 30;
        List<Site> sites = new ArrayList<>();
        double[][] ci = new double[2][epochs];
        boolean[][] available = new boolean[2][epochs];
        double fastest = 0;
        // A third of the instances switch for free, where a federation that does not pay is dominated.
        boolean free = random.nextInt(3) == 0;
        for (int s = 0; s < 2; s++) {
            List<Option> options = new ArrayList<>();
            int optionCount = 1 + random.nextInt(2);
            for (int o = 0; o < optionCount; o++) {
                int dp = 1 + o * 2;
                double tokensPerSecond = dp * (50 + random.nextInt(100));
                options.add(new Option(dp, 1, 1, dp, tokensPerSecond, dp * (200 + random.nextInt(300))));
            }
            fastest += options.get(optionCount - 1).tokensPerSecond();
            double idle = random.nextBoolean() ? 0 : 20 + random.nextInt(100);
            Provisioning provisioning = free ? Provisioning.NONE
                    : new Provisioning(random.nextInt(epochMinutes / 3), random.nextInt(epochMinutes / 4), random.nextInt(400));
            sites.add(new Site("s" + s, new CarbonIntensitySource(Path.of("none.csv"), null), options, 64,
                    1 + random.nextDouble() * 0.4, random.nextInt(3) * 5.0, idle,
                    free ? Reconfiguration.NONE : new Reconfiguration(random.nextInt(epochMinutes / 4), random.nextInt(epochMinutes / 5), 0),
                    provisioning, Availability.ALWAYS, Double.NaN));
            for (int t = 0; t < epochs; t++) {
                ci[s][t] = 10 + random.nextInt(500) + random.nextDouble();
                available[s][t] = random.nextInt(5) != 0;
            }
        }
        boolean rounds = random.nextInt(4) == 0;
        Federation federation = new Federation((free ? 0.25 : 0.5) + 0.5 * random.nextDouble(), 0.6 + 0.4 * random.nextDouble(),
                rounds ? 2.0 * epochMinutes : 0, rounds, Double.NaN, Double.NaN);
        double workload = fastest * 60 * epochMinutes * epochs * (0.1 + 0.6 * random.nextDouble());
        Instance instance = new Instance("two-sites-" + seed, Instant.parse("2024-01-01T00:00:00Z"), epochMinutes,
                epochs * epochMinutes / 60.0, workload, sites, 1 + random.nextInt(2), Integer.MAX_VALUE, federation, null);
        return new Problem(instance, ci, available);
    }

    /**
     * The cheapest valid plan over every per-epoch configuration (all per-site choices within maxActiveSites and
     * maxTotalGpus), or +inf when none reaches W.
     */
    static double bruteForceKg(Problem problem) {
        List<int[]> configurations = new ArrayList<>();
        int sites = problem.siteCount();
        int[] configuration = new int[sites];
        Arrays.fill(configuration, Problem.PAUSED);
        while (true) {
            int running = 0;
            long gpus = 0;
            for (int s = 0; s < sites; s++) {
                if (configuration[s] != Problem.PAUSED) {
                    running++;
                    gpus += problem.siteOptionList(s).get(configuration[s]).gpus();
                }
            }
            if (running <= problem.instance().maxActiveSites() && gpus <= problem.instance().maxTotalGpus()) {
                configurations.add(configuration.clone());
            }
            int s = 0;
            while (s < sites && configuration[s] == problem.siteOptionList(s).size() - 1) {
                configuration[s] = Problem.PAUSED;
                s++;
            }
            if (s == sites) {
                break;
            }
            configuration[s]++;
        }
        int epochs = problem.epochCount();
        int n = configurations.size();
        long total = (long) Math.pow(n, epochs);
        double best = Double.POSITIVE_INFINITY;
        int[][] plan = new int[epochs][];
        for (long code = 0; code < total; code++) {
            long rest = code;
            boolean valid = true;
            int[] previous = problem.configuration(problem.initialState());
            for (int t = 0; t < epochs; t++) {
                plan[t] = configurations.get((int) (rest % n));
                rest /= n;
                for (int s = 0; s < sites; s++) {
                    valid &= plan[t][s] == Problem.PAUSED || problem.available(s, t);
                }
                valid &= Arrays.equals(plan[t], previous) || problem.switchAllowed(t);
                previous = plan[t];
            }
            if (!valid) {
                continue;
            }
            Evaluation evaluation = PlanEvaluator.evaluate(problem, plan);
            if (evaluation.tokens() >= problem.workloadTokens() && evaluation.totalKg() < best) {
                best = evaluation.totalKg();
            }
        }
        return best;
    }
}
