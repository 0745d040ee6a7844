package org.carbonaware.planner.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.carbonaware.planner.domain.Plan;
import org.carbonaware.planner.domain.Problem;
import org.junit.jupiter.api.Test;

class PlanEvaluatorTest {

    private static final int P = Problem.PAUSED;

    @Test
    void resumeDpChangePauseAndIdlePowerAsComputedByHand() {
        Problem problem = TinyInstances.problem(100_000);
        // A (resume 6 min), B (same tp/pp: dp change 3 min), pause (idle 100 W), C (resume 6 min).
        Evaluation e = PlanEvaluator.evaluate(problem, new Plan(new int[] {0, 1, P, 2}));
        assertThat(e.epochList()).extracting(EpochResult::tokens).containsExactly(32_400.0, 61_560.0, 0.0, 29_160.0);
        assertThat(e.epochList()).extracting(EpochResult::lostMinutes).containsExactly(6.0, 3.0, 0.0, 6.0);
        double[] energy = e.epochList().stream().mapToDouble(EpochResult::energyKwh).toArray();
        assertThat(energy).containsExactly(new double[] {1.5, 3.0, 0.15, 1.35}, within(1e-12));
        assertThat(e.operationalKg()).isCloseTo((150 + 600 + 45 + 540) / 1000.0, within(1e-12));
        assertThat(e.embodiedKg()).isCloseTo((20 + 40 + 0 + 20) / 1000.0, within(1e-12));
        assertThat(e.totalKg()).isCloseTo(1.415, within(1e-12));
        assertThat(e.energyKwh()).isCloseTo(6.0, within(1e-12));
        assertThat(e.gpuHours()).isEqualTo(8.0);
        assertThat(e.tokens()).isEqualTo(123_120.0);
        assertThat(e.reconfigurations()).isEqualTo(3);
        assertThat(e.resumes()).isEqualTo(2);
        assertThat(e.dpChanges()).isEqualTo(1);
        assertThat(e.reshards()).isZero();
        assertThat(e.workloadReached()).isTrue();
    }

    @Test
    void changingTpOrPpCostsTheReshardMinutesAndStayingCostsNothing() {
        Evaluation e = PlanEvaluator.evaluate(TinyInstances.problem(1), new Plan(new int[] {0, 2, 2, 2}));
        assertThat(e.epochList()).extracting(EpochResult::tokens).containsExactly(32_400.0, 25_920.0, 32_400.0, 32_400.0);
        assertThat(e.reshards()).isEqualTo(1);
        assertThat(e.reconfigurations()).isEqualTo(2);
    }

    @Test
    void finishTimeIsInterpolatedInsideTheFinishingEpochAfterItsLostMinutes() {
        Evaluation e = PlanEvaluator.evaluate(TinyInstances.problem(50_000), new Plan(new int[] {0, 1, P, P}));
        double minutesIntoSecondEpoch = 3 + (50_000 - 32_400) / (18 * 60.0);
        assertThat(e.finishHours()).isCloseTo(1 + minutesIntoSecondEpoch / 60, within(1e-12));
    }

    @Test
    void shortPlanHasNoFinishTimeAndFailsTheWorkload() {
        Evaluation e = PlanEvaluator.evaluate(TinyInstances.problem(1e9), new Plan(new int[] {0, 0, 0, 0}));
        assertThat(e.workloadReached()).isFalse();
        assertThat(e.finishHours()).isNaN();
        assertThat(PlanValidator.validate(TinyInstances.problem(1e9), new Plan(new int[] {0, 0, 0, 0})).violations())
                .singleElement().asString().contains("short of the workload");
    }

    @Test
    void carbonIntensityMultipliesOperationalGramsOnly() {
        Problem problem = TinyInstances.problem(1);
        assertThat(problem.grams(3, 0)).isCloseTo(1.5 * 400 + 20, within(1e-12));
        assertThat(problem.grams(0, P)).isCloseTo(0.15 * 100, within(1e-12));
    }

    @Test
    void transitionGramsAreOperationalGramsOfTheEpochEntered() {
        Plan plan = new Plan(new int[] {0, 1, P, 1});
        Evaluation plain = PlanEvaluator.evaluate(TinyInstances.problem(1), plan);
        Evaluation ruled = PlanEvaluator.evaluate(TinyInstances.withStateRules(1), plan);
        // B is entered twice (from A at epoch 1, from paused at epoch 3): 50 g each.
        assertThat(ruled.operationalKg() - plain.operationalKg()).isCloseTo(0.1, within(1e-12));
        assertThat(ruled.totalKg() - plain.totalKg()).isCloseTo(0.1, within(1e-12));
        assertThat(ruled.embodiedKg()).isEqualTo(plain.embodiedKg());
        assertThat(ruled.epochList().get(1).operationalKg() - plain.epochList().get(1).operationalKg())
                .isCloseTo(0.05, within(1e-12));
        assertThat(ruled.epochList().get(2).operationalKg()).isEqualTo(plain.epochList().get(2).operationalKg());
    }

    @Test
    void aForbiddenStateIsRejectedByTheEvaluatorAndReportedByTheValidator() {
        Problem problem = TinyInstances.withStateRules(1);
        Plan plan = new Plan(new int[] {0, 0, 2, P});
        assertThatThrownBy(() -> PlanEvaluator.evaluate(problem, plan))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Epoch 2").hasMessageContaining("not allowed");
        assertThat(PlanValidator.validate(problem, plan).violations())
                .singleElement().asString().contains("epoch 2").contains("not allowed");
        assertThat(PlanValidator.validate(problem, new Plan(new int[] {0, 0, 1, P})).violations()).isEmpty();
    }
}
