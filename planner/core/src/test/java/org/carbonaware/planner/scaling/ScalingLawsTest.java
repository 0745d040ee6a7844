package org.carbonaware.planner.scaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.carbonaware.planner.model.ModelSpec;
import org.junit.jupiter.api.Test;

class ScalingLawsTest {

    @Test
    void ladderCoversThePapersRangeInStepsOfFourThirdsAndThreeHalves() {
        assertThat(ScalingLaws.dModelLadder(1536, 24576))
                .containsExactly(1536, 2048, 3072, 4096, 6144, 8192, 12288, 16384, 24576);
        assertThat(ScalingLaws.dModelLadder(256, 384)).containsExactly(256, 384);
        assertThat(ScalingLaws.dModelLadder(1600, 2000)).isEmpty();
    }

    @Test
    void endpointsMatchThePapersParameterRangeAndDenseMoeSplit() {
        ModelSpec smallest = ScalingLaws.architecture(1536, 2048);
        assertThat(smallest.isMoe()).isFalse();
        assertThat(smallest.totalParams()).isBetween(0.70e9, 0.80e9); // paper: 0.75B
        assertThat(ScalingLaws.architecture(2048, 2048).isMoe()).isFalse(); // 1.33B < 1.6B
        ModelSpec largest = ScalingLaws.architecture(24576, 2048);
        assertThat(largest.isMoe()).isTrue();
        assertThat(largest.experts()).isEqualTo(192);
        assertThat(largest.expertsPerToken()).isEqualTo(ScalingLaws.MOE_GRANULARITY);
        assertThat(largest.totalParams()).isBetween(20e12, 25e12); // paper: 24,547B
    }

    @Test
    void chinchillaTokensAreTwentyPerActiveParameterAndComputeIsSixND() {
        for (int d : List.of(1536, 6144)) {
            ModelSpec model = ScalingLaws.architecture(d, 2048);
            double tokens = ScalingLaws.chinchillaTokens(model);
            assertThat(tokens).isCloseTo(20.0 * model.activeParams(), within(1e-6 * tokens));
            assertThat(ScalingLaws.trainingFlops(model, tokens)).isCloseTo(6.0 * model.activeParams() * tokens, within(1.0));
        }
    }

    @Test
    void criticalBatchRulesAgreeAtTheAnchorAndGrowWithTheirExponents() {
        double anchor = ScalingLaws.BATCH_ANCHOR_FLOPS;
        double deepSeek = 0.292 * Math.pow(anchor, 0.3271);
        assertThat(ScalingLaws.criticalBatchTokens(anchor, BatchScaling.STANDARD)).isCloseTo(deepSeek, within(1e-6 * deepSeek));
        assertThat(ScalingLaws.criticalBatchTokens(anchor, BatchScaling.AGGRESSIVE)).isCloseTo(deepSeek, within(1e-6 * deepSeek));
        // C x 64 doubles the standard batch (64^(1/6) = 2) and multiplies the aggressive one by 64^0.3271.
        double c = 3e23;
        assertThat(ScalingLaws.criticalBatchTokens(64 * c, BatchScaling.STANDARD) / ScalingLaws.criticalBatchTokens(c, BatchScaling.STANDARD))
                .isCloseTo(2.0, within(1e-9));
        assertThat(ScalingLaws.criticalBatchTokens(64 * c, BatchScaling.AGGRESSIVE) / ScalingLaws.criticalBatchTokens(c, BatchScaling.AGGRESSIVE))
                .isCloseTo(Math.pow(64, 0.3271), within(1e-9));
        // six decades above the anchor the aggressive batch is (10^6)^(0.3271 - 1/6) = 9.2 times the standard one
        assertThat(ScalingLaws.criticalBatchTokens(1e26, BatchScaling.AGGRESSIVE) / ScalingLaws.criticalBatchTokens(1e26, BatchScaling.STANDARD))
                .isCloseTo(Math.pow(1e6, 0.3271 - 1.0 / 6), within(1e-9));
    }

    @Test
    void batchInSequencesIsTheNearestPowerOfTwo() {
        double flops = 5e24;
        int sequences = ScalingLaws.batchSequences(flops, BatchScaling.STANDARD, 2048);
        assertThat(Integer.bitCount(sequences)).isEqualTo(1);
        double exact = ScalingLaws.criticalBatchTokens(flops, BatchScaling.STANDARD) / 2048;
        assertThat(sequences / exact).isBetween(Math.sqrt(0.5), Math.sqrt(2.0));
    }

    @Test
    void lossFollowsEquationTwoAndFallsMonotonicallyWithSize() {
        double n = 1e10;
        double d = 2e11;
        double expected = 0.47 + (2.1 / Math.pow(8, 0.58) + 18.1) / Math.pow(n, 0.115) + 30.8 / Math.pow(d, 0.147);
        assertThat(ScalingLaws.loss(n, d, 8)).isCloseTo(expected, within(1e-12));
        assertThat(ScalingLaws.loss(n, d, 8)).isLessThan(ScalingLaws.loss(n, d, 1));
        assertThat(ScalingLaws.loss(1e30, 1e30, 1)).isCloseTo(ScalingLaws.LOSS_C, within(0.01));
        double previous = Double.POSITIVE_INFINITY;
        for (int dModel : ScalingLaws.dModelLadder(1536, 24576)) {
            ModelSpec model = ScalingLaws.architecture(dModel, 2048);
            double loss = ScalingLaws.loss(model, ScalingLaws.chinchillaTokens(model));
            assertThat(loss).as("loss at d_model %d", dModel).isLessThan(previous).isGreaterThan(ScalingLaws.LOSS_C);
            previous = loss;
        }
    }
}
