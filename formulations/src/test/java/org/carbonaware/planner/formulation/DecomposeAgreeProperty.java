package org.carbonaware.planner.formulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
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
import org.carbonaware.planner.formulation.graph.ArcMask;
import org.carbonaware.planner.formulation.graph.LagrangianRelaxation;
import org.carbonaware.planner.formulation.graph.StateGraph;
import org.carbonaware.planner.solve.SolveResult;
import org.carbonaware.planner.solve.SolveSettings;
import org.carbonaware.planner.solve.SolveStatus;
import org.carbonaware.planner.validate.PlanEvaluator;
import org.carbonaware.planner.validate.PlanValidator;

/**
 * The decomposition against a brute force over every per-site configuration on random tiny two- and three-site
 * instances: its Lagrangian bound and its reported bound lie at or below the optimum, its plan validates and lies
 * at or above it; with one site its bound is the single-graph Lagrangian bound.
 */
class DecomposeAgreeProperty {

    private static final SolveSettings ONE_WORKER = new SolveSettings(20, 1, 7, Map.of());
    /** With one option per site the first restricted instance is each site's fastest option only. */
    private static final SolveSettings ONE_OPTION = ONE_WORKER.withParameter("optionsPerSite", "1");

    @Property(tries = 25, seed = "20261203")
    void boundAndPlanBracketTheOptimumOfTwoSites(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        Problem problem = MultiSiteAgreeProperty.twoSites(seed);
        double optimumKg = MultiSiteAgreeProperty.bruteForceKg(problem);
        Statistics.label("feasible").collect(Double.isFinite(optimumKg));
        for (SolveSettings settings : List.of(ONE_WORKER, ONE_OPTION)) {
            check(problem, optimumKg, Solvers.create("decompose").solve(problem, settings));
        }
    }

    @Property(tries = 25, seed = "20261203")
    void boundAndPlanBracketTheOptimumOfThreeSites(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        Problem problem = threeSites(seed);
        double optimumKg = MultiSiteAgreeProperty.bruteForceKg(problem);
        Statistics.label("feasible").collect(Double.isFinite(optimumKg));
        for (SolveSettings settings : List.of(ONE_WORKER, ONE_OPTION)) {
            SolveResult result = Solvers.create("decompose").solve(problem, settings);
            Statistics.label("restricted").collect(result.statistics().get("restrictedComplete"));
            check(problem, optimumKg, result);
        }
        Statistics.label("restricted").coverage(coverage -> coverage.check(false).percentage(p -> p >= 5));
    }

    @Property(tries = 30, seed = "20261203")
    void withOneSiteTheBoundIsTheSingleGraphLagrangianBound(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        Problem problem = RandomInstances.tiny(seed);
        StateGraph graph = new StateGraph(problem);
        double expectedKg = new LagrangianRelaxation(graph).solve(ArcMask.full(graph)).lowerBoundGrams() / 1000.0;
        SolveResult result = Solvers.create("decompose").solve(problem, ONE_WORKER);
        double boundKg = (double) result.statistics().get("lagrangianBoundKg");
        Statistics.label("infeasible").collect(result.status() == SolveStatus.INFEASIBLE);
        if (result.status() == SolveStatus.INFEASIBLE) {
            // Proven by the most tokens any path trains; the single-graph solvers find no plan either.
            assertThat(Solvers.create("label").solve(problem, ONE_WORKER).status()).isEqualTo(SolveStatus.INFEASIBLE);
        } else {
            assertThat(boundKg).as(result.statistics().toString()).isCloseTo(expectedKg, within(1e-7 * Math.abs(expectedKg) + 1e-12));
        }
    }

    private static void check(Problem problem, double optimumKg, SolveResult result) {
        String what = problem.name() + " " + result.statistics();
        if (!Double.isFinite(optimumKg)) {
            assertThat(result.status()).as(what).isEqualTo(SolveStatus.INFEASIBLE);
            return;
        }
        double slack = 1e-9 * Math.max(optimumKg, 1e-9);
        assertThat((double) result.statistics().get("lagrangianBoundKg")).as(what).isLessThanOrEqualTo(optimumKg + slack);
        assertThat(result.bestBoundKg()).as(what).isLessThanOrEqualTo(optimumKg + slack);
        assertThat(result.status().hasPlan()).as(what).isTrue();
        assertThat(PlanValidator.validate(problem, result.plan()).violations()).as(what).isEmpty();
        double kg = PlanEvaluator.evaluate(problem, result.plan()).totalKg();
        assertThat(result.objectiveKg()).as(what).isCloseTo(kg, within(1e-12 * kg + 1e-15));
        assertThat(kg).as(what).isGreaterThanOrEqualTo(optimumKg - slack);
        if (result.status() == SolveStatus.OPTIMAL) {
            assertThat(kg).as(what).isCloseTo(optimumKg, within(1e-4 * optimumKg + 1e-12));
        }
    }

    /**
     * Three sites of one to three options with their own WAN bandwidths (the federation factor follows the slowest
     * running one), provisioning, availability, one to three sites at once, sometimes a binding GPU total and
     * round-boundary switching.
     */
    static Problem threeSites(long seed) {
        Random random = new Random(seed);
        int epochs = 2 + random.nextInt(2);
        int epochMinutes = 60;
        List<Site> sites = new ArrayList<>();
        double[][] ci = new double[3][epochs];
        boolean[][] available = new boolean[3][epochs];
        double fastest = 0;
        int mostGpus = 0;
        double[] gbps = {0.25, 1, 4};
        for (int s = 0; s < 3; s++) {
            List<Option> options = new ArrayList<>();
            int optionCount = 1 + random.nextInt(3);
            for (int o = 0; o < optionCount; o++) {
                int dp = 1 + o * 2;
                double tokensPerSecond = dp * (50 + random.nextInt(100));
                options.add(new Option(dp, 1, 1, dp, tokensPerSecond, dp * (200 + random.nextInt(300))));
            }
            fastest += options.get(optionCount - 1).tokensPerSecond();
            mostGpus += options.get(optionCount - 1).gpus();
            double idle = random.nextBoolean() ? 0 : 20 + random.nextInt(100);
            Provisioning provisioning = new Provisioning(random.nextInt(20), random.nextInt(15), random.nextInt(400));
            sites.add(new Site("s" + s, new CarbonIntensitySource(Path.of("none.csv"), null), options, 64,
                    1 + random.nextDouble() * 0.4, random.nextInt(3) * 5.0, idle,
                    new Reconfiguration(random.nextInt(15), random.nextInt(12), 0), provisioning, Availability.ALWAYS,
                    gbps[random.nextInt(3)] * 1e9));
            for (int t = 0; t < epochs; t++) {
                ci[s][t] = 10 + random.nextInt(500) + random.nextDouble();
                available[s][t] = random.nextInt(5) != 0;
            }
        }
        boolean rounds = random.nextInt(4) == 0;
        Federation federation = new Federation(Double.NaN, 0.6 + 0.4 * random.nextDouble(), rounds ? 2.0 * epochMinutes : 20,
                rounds, 3.75e9, Double.NaN);
        int totalGpus = random.nextBoolean() ? Integer.MAX_VALUE : 1 + random.nextInt(mostGpus);
        double workload = fastest * 60 * epochMinutes * epochs * (0.1 + 0.5 * random.nextDouble());
        Instance instance = new Instance("three-sites-" + seed, Instant.parse("2024-01-01T00:00:00Z"), epochMinutes,
                epochs * epochMinutes / 60.0, workload, sites, 1 + random.nextInt(3), totalGpus, federation, null);
        return new Problem(instance, ci, available);
    }
}
