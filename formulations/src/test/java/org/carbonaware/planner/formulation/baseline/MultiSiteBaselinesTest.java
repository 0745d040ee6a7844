package org.carbonaware.planner.formulation.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.carbonaware.planner.common.InputException;
import org.carbonaware.planner.domain.Availability;
import org.carbonaware.planner.domain.CarbonIntensitySource;
import org.carbonaware.planner.domain.Federation;
import org.carbonaware.planner.domain.Instance;
import org.carbonaware.planner.domain.Option;
import org.carbonaware.planner.domain.Plan;
import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.domain.Provisioning;
import org.carbonaware.planner.domain.Reconfiguration;
import org.carbonaware.planner.domain.Site;
import org.carbonaware.planner.io.InstanceReader;
import org.carbonaware.planner.solve.SolveResult;
import org.carbonaware.planner.solve.SolveSettings;
import org.carbonaware.planner.solve.SolveStatus;
import org.carbonaware.planner.validate.PlanEvaluator;
import org.junit.jupiter.api.Test;

/**
 * The multi-site baselines by hand on three sites A, B, C with 10-minute epochs: one option each (100 tokens/s,
 * 1,000 W, PUE 1, so a running epoch is 60,000 tokens and 1/6 kWh), free provisioning, at most two sites at once,
 * federated epochs at 0.8 (a pair trains 96,000 tokens). CI of A: 50, 50, 300, 300, 300, 50, 50, 50, 50, 50;
 * of B: 300, 80, 80, 80, 80, 80, 300, 300, 300, 300; of C: 20 throughout.
 */
class MultiSiteBaselinesTest {

    static final int OFF = Problem.PAUSED;
    static final double[][] CI = {
            {50, 50, 300, 300, 300, 50, 50, 50, 50, 50},
            {300, 80, 80, 80, 80, 80, 300, 300, 300, 300},
            {20, 20, 20, 20, 20, 20, 20, 20, 20, 20}};
    static final SolveSettings SETTINGS = new SolveSettings(10, 1, 1, Map.of());

    static Problem threeSites(double workloadTokens, int epochMinutes) {
        List<Site> sites = new ArrayList<>();
        for (String name : List.of("A", "B", "C")) {
            sites.add(new Site(name, new CarbonIntensitySource(Path.of("none.csv"), null),
                    List.of(new Option(1, 1, 1, 1, 100, 1000)), 8, 1.0, 0, 0, Reconfiguration.NONE, Provisioning.NONE,
                    Availability.ALWAYS, Double.NaN));
        }
        Instance instance = new Instance("three", Instant.parse("2024-01-01T00:00:00Z"), epochMinutes, 10 * epochMinutes / 60.0,
                workloadTokens, sites, 2, Integer.MAX_VALUE, new Federation(0.8, 1.0, 0, false, Double.NaN, Double.NaN), null);
        return new Problem(instance, CI, null);
    }

    /** The states of a plan written as running site letters per epoch ("AC", "C", ""). */
    static Plan plan(Problem problem, String... epochs) {
        int[] states = new int[epochs.length];
        for (int t = 0; t < epochs.length; t++) {
            int[] configuration = new int[3];
            Arrays.fill(configuration, OFF);
            for (char site : epochs[t].toCharArray()) {
                configuration[site - 'A'] = 0;
            }
            states[t] = problem.stateOf(configuration);
        }
        return new Plan(states);
    }

    static SolveResult solve(String solver, Problem problem, SolveSettings settings) {
        SolveResult result = org.carbonaware.planner.formulation.Solvers.create(solver).solve(problem, settings);
        if (result.plan() != null) {
            assertThat(org.carbonaware.planner.validate.PlanValidator.validate(problem, result.plan()).violations()).isEmpty();
            assertThat(result.status()).isEqualTo(SolveStatus.FEASIBLE);
        }
        return result;
    }

    @Test
    void reactiveProvisionsBelowTheThresholdLeavesAfterTheHysteresisAndWaitsForAFreeSlot() {
        Problem problem = threeSites(800_000, 10);
        SolveResult result = solve("reactive", problem, SETTINGS);
        // A and C take both slots at epoch 0; B waits. A is marked at epoch 2 (300), still above 10 minutes later and
        // leaves at epoch 3; its slot is free from epoch 4, when B joins. B is marked at 6 and leaves at 7; A rejoins at 8.
        // Tokens: 3 × 96,000 + 60,000 + 3 × 96,000 + 60,000 + 96,000 = 792,000 < 800,000 after epoch 8, reached in 9.
        assertThat(result.plan()).isEqualTo(plan(problem, "AC", "AC", "AC", "C", "BC", "BC", "BC", "C", "AC", "AC"));
        double grams = (70 + 70 + 320 + 20 + 100 + 100 + 320 + 20 + 70 + 70) / 6.0;
        assertThat(PlanEvaluator.evaluate(problem, result.plan()).totalKg()).isCloseTo(grams / 1000, within(1e-12));
        assertThat(result.statistics()).containsEntry("joins", 4);
    }

    @Test
    void withoutHysteresisASiteLeavesAtTheFirstEpochAboveTheThreshold() {
        Problem problem = threeSites(800_000, 10);
        SolveResult result = solve("reactive", problem, SETTINGS.withParameter("hysteresisMinutes", "0"));
        assertThat(Arrays.copyOf(result.plan().stateByEpoch(), 4)).containsExactly(plan(problem, "AC", "AC", "C", "BC").stateByEpoch());
    }

    @Test
    void membershipChangesWaitUntilTheRoundHasLastedItsMinimum() {
        Problem problem = threeSites(800_000, 10);
        SolveResult result = solve("reactive", problem, SETTINGS.withParameter("minRoundMinutes", "20"));
        // B, provisioned at epoch 4, waits until the round that began at 3 is 20 minutes old; A likewise at 8.
        assertThat(result.plan()).isEqualTo(plan(problem, "AC", "AC", "AC", "C", "C", "BC", "BC", "C", "C", "AC"));
    }

    @Test
    void reactiveKnowsNoDeadlineAndSaysSoWhenTheHorizonEndsFirst() {
        SolveResult result = solve("reactive", threeSites(2e6, 10), SETTINGS);
        assertThat(result.status()).isEqualTo(SolveStatus.UNKNOWN);
        assertThat(result.plan()).isNull();
        assertThat(result.message()).contains("44.4 % of the workload").contains("Maybe");
    }

    @Test
    void siteAloneRunsOneSiteFromEpochZeroAndReportsEverySite() {
        Problem problem = threeSites(150_000, 10);
        // 150,000 tokens: three solo epochs. A: 50 + 50 + 300, B: 300 + 80 + 80, C: 3 × 20 (g per 1/6 kWh).
        SolveResult best = solve("site-alone", problem, SETTINGS);
        assertThat(best.plan()).isEqualTo(plan(problem, "C", "C", "C", "", "", "", "", "", "", ""));
        assertThat(best.statistics()).containsEntry("site", "C");
        @SuppressWarnings("unchecked")
        Map<String, Object> kgBySite = (Map<String, Object>) best.statistics().get("kgBySite");
        assertThat((double) kgBySite.get("A")).isCloseTo(400 / 6.0 / 1000, within(1e-12));
        assertThat((double) kgBySite.get("B")).isCloseTo(460 / 6.0 / 1000, within(1e-12));
        assertThat((double) kgBySite.get("C")).isCloseTo(60 / 6.0 / 1000, within(1e-12));
        SolveResult b = solve("site-alone", problem, SETTINGS.withParameter("site", "B"));
        assertThat(b.plan()).isEqualTo(plan(problem, "B", "B", "B", "", "", "", "", "", "", ""));
        assertThatThrownBy(() -> solve("site-alone", problem, SETTINGS.withParameter("site", "b")))
                .isInstanceOf(InputException.class).hasMessageContaining("'b'").hasMessageContaining("Maybe --param site=B");
        SolveResult none = solve("site-alone", threeSites(700_000, 10), SETTINGS);
        assertThat(none.status()).isEqualTo(SolveStatus.INFEASIBLE);
    }

    @Test
    void withOneSiteSiteAloneIsFixedFastest() {
        Problem problem = BaselineSolversTest.withCosts();
        assertThat(solve("site-alone", problem, SETTINGS).plan()).isEqualTo(solve("fixed-fastest", problem, SETTINGS).plan());
    }

    @Test
    void onTheBundledStudyTheReactivePlanIsValidAndEachSiteAloneRunsAboutEighteenHours() {
        Problem problem = InstanceReader.load(Path.of("../instances/curtail-study.json"));
        SolveResult reactive = solve("reactive", problem, SETTINGS);
        assertThat(reactive.plan()).isNotNull();
        SolveResult alone = solve("site-alone", problem, SETTINGS);
        @SuppressWarnings("unchecked")
        Map<String, Object> hours = (Map<String, Object>) alone.statistics().get("finishHoursBySite");
        // 1.2268e10 tokens at 191,889.4 tokens/s = 17.76 h plus 5.7 minutes of provisioning, in 10-minute epochs.
        assertThat(hours.values()).allSatisfy(h -> assertThat((double) h).isCloseTo(17.76 + 5.7 / 60, within(0.01)));
    }
}
