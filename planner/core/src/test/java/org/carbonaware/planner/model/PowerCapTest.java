package org.carbonaware.planner.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Locale;

import org.junit.jupiter.api.Test;

/**
 * The power-cap equations against published power-limit and frequency sweeps, and their effect on estimates. The
 * tables these tests print are the calibration tables of benchmarks/analytic-model.md.
 */
class PowerCapTest {

    private final Catalogue catalogue = Catalogue.bundled();

    /**
     * Perseus (Chung et al., SOSP 2024), ml-energy/zeus sosp24_data/emulation/stage_profile/gpt3-175b+a100_sxm_bf16.csv,
     * stage 0: SM clock (MHz), forward + backward time (ms) and energy (J) of one GPT-3 pipeline stage on an A100 SXM.
     */
    private static final double[][] PERSEUS_A100 = {
            {1350, 144.587, 65.897}, {1305, 147.966, 63.385}, {1260, 152.357, 59.009}, {1215, 157.232, 55.840},
            {1170, 162.681, 53.338}, {1125, 168.440, 51.796}, {1080, 175.128, 49.855}, {1035, 182.095, 50.339},
            {990, 190.134, 50.608}, {945, 198.991, 50.776}, {900, 206.983, 51.133}, {855, 218.299, 51.881}};

    /** The A100's dynamic power curve (its catalogue idle power as the static part) reproduces the Perseus stage power. */
    @Test
    void a100PowerCurveFollowsThePerseusFrequencySweep() {
        DeviceSpec a100 = catalogue.device("A100-80GB");
        double maxMhz = 1410;
        StringBuilder table = new StringBuilder("| clock MHz | measured W | model W | error |\n|---|---|---|---|\n");
        double worst = 0;
        for (double[] point : PERSEUS_A100) {
            double measured = point[2] / (point[1] / 1000);
            double model = a100.idleWatts() + a100.unthrottledPowerRatio() * (a100.tdpWatts() - a100.idleWatts())
                    * AnalyticModel.dynamicPowerShape(a100, point[0] / maxMhz);
            table.append(String.format(Locale.ROOT, "| %.0f | %.1f | %.1f | %+.1f %% |%n", point[0], measured, model, 100 * (model / measured - 1)));
            worst = Math.max(worst, Math.abs(model / measured - 1));
        }
        System.out.println(table);
        assertThat(worst).isLessThanOrEqualTo(0.06);
    }

    /**
     * Zeus (You et al., NSDI 2023), ml-energy/zeus examples/research_reproducibility/zeus_nsdi23/trace/summary_power_v100.csv:
     * power limit (W), seconds per epoch and average power (W) on a V100. BERT-base SQuAD at batch 32 (the device's
     * DVFS constants were fitted on it) and sentiment140 at batch 128 and ResNet-50 ImageNet at batch 256 (not used
     * for fitting).
     */
    private static final double[][] ZEUS_BERT_SQUAD = {{250, 1733.285, 228.2}, {225, 1776.25, 212.6}, {200, 1843.125, 191.2},
            {175, 1939.225, 170.6}, {150, 2221.15, 146.4}, {125, 2734.545, 121.8}};
    private static final double[][] ZEUS_BERT_SENTIMENT = {{250, 4114.86, 223.4}, {225, 4208.98, 206.3}, {200, 4432.79, 189.5},
            {175, 4626.85, 169.2}, {150, 4939.33, 146.7}, {125, 5918.45, 123.3}};
    private static final double[][] ZEUS_RESNET50 = {{250, 3514.99, 220.25}, {225, 3584.3, 205.4}, {200, 3700.97, 184.9},
            {175, 3852.18, 166.4}, {150, 4148.66, 144.6}, {125, 5064.97, 122.0}};

    /**
     * A workload whose uncapped average power is P0 spends the share (P0 - idle) / (TDP - idle) of its time in
     * compute-bound phases at the limit and the rest waiting at idle; a cap slows the first by the clock ratio and
     * leaves the rest. Returns {time ratio, energy ratio} against the uncapped run.
     */
    private static double[] twoPhase(DeviceSpec device, double uncappedWatts, double cap) {
        double busy = (uncappedWatts - device.idleWatts()) / (device.tdpWatts() - device.idleWatts());
        double stretched = busy / AnalyticModel.computeClock(device, cap);
        double time = stretched + 1 - busy;
        double energy = (stretched * Math.min(cap, device.tdpWatts()) + (1 - busy) * device.idleWatts()) / uncappedWatts;
        return new double[] {time, energy};
    }

    @Test
    void v100CapsFollowTheZeusPowerLimitSweeps() {
        DeviceSpec v100 = catalogue.device("V100-32GB");
        StringBuilder table = new StringBuilder("| workload | cap W | time measured | time model | energy measured | energy model |\n|---|---|---|---|---|---|\n");
        double worstFitted = 0;
        double worstHeldOut = 0;
        for (var entry : new Object[][] {{"BERT SQuAD b32 (fitted)", ZEUS_BERT_SQUAD}, {"BERT sentiment140 b128", ZEUS_BERT_SENTIMENT},
                {"ResNet-50 b256", ZEUS_RESNET50}}) {
            double[][] sweep = (double[][]) entry[1];
            double[] base = sweep[0];
            for (double[] point : sweep) {
                double[] model = twoPhase(v100, base[2], point[0]);
                double time = point[1] / base[1];
                double energy = point[1] * point[2] / (base[1] * base[2]);
                table.append(String.format(Locale.ROOT, "| %s | %.0f | %.3f | %.3f | %.3f | %.3f |%n", entry[0], point[0], time, model[0],
                        energy, model[1]));
                if (point[0] >= 150) {
                    double error = Math.max(Math.abs(model[0] / time - 1), Math.abs(model[1] / energy - 1));
                    if (((String) entry[0]).contains("fitted")) {
                        worstFitted = Math.max(worstFitted, error);
                    } else {
                        worstHeldOut = Math.max(worstHeldOut, error);
                    }
                }
            }
        }
        System.out.println(table);
        // caps of 60-100 % of TDP: time and energy within 6 % on the fitted sweep, 8 % on the held-out ones
        assertThat(worstFitted).isLessThanOrEqualTo(0.06);
        assertThat(worstHeldOut).isLessThanOrEqualTo(0.08);
    }

    @Test
    void aCapSlowsComputeBoundPhasesAndCutsPowerButNotBelowIdle() {
        ModelSpec model = catalogue.model("llama3-70b");
        DeviceSpec h100 = catalogue.device("H100-80GB");
        TrainingSpec training = new TrainingSpec(512, 8192);
        ParallelConfig config = new ParallelConfig(64, 4, 4, 1, 5, 1, Recompute.NONE, true, 1);
        Estimate uncapped = AnalyticModel.estimate(model, h100, training, config);
        Estimate atTdp = AnalyticModel.estimate(model, h100, training, config, h100.tdpWatts());
        assertThat(uncapped.fits()).isTrue();
        assertThat(atTdp.tokensPerSecond()).isCloseTo(uncapped.tokensPerSecond(), within(1e-6));
        assertThat(atTdp.watts()).isCloseTo(uncapped.watts(), within(1e-6));
        double previousTokens = uncapped.tokensPerSecond();
        double previousWatts = uncapped.watts();
        for (double cap = 650; cap >= 300; cap -= 50) {
            Estimate capped = AnalyticModel.estimate(model, h100, training, config, cap);
            assertThat(capped.capped()).isTrue();
            assertThat(capped.id()).endsWith("-cap" + (int) cap);
            assertThat(capped.tokensPerSecond()).as("%.0f W", cap).isLessThan(previousTokens);
            assertThat(capped.watts()).as("%.0f W", cap).isLessThan(previousWatts);
            assertThat(capped.wattsPerGpu()).isBetween(h100.idleWatts(), cap);
            assertThat(capped.power().computeClock()).isLessThan(1);
            // only the GEMMs follow the clock: the step slows by less than the clock
            assertThat(uncapped.iterationSeconds() / capped.iterationSeconds()).isGreaterThan(capped.power().computeClock());
            previousTokens = capped.tokensPerSecond();
            previousWatts = capped.watts();
        }
    }

    @Test
    void communicationBoundConfigurationsSlowLessUnderACap() {
        ModelSpec model = catalogue.model("gpt3-175b");
        DeviceSpec a100 = catalogue.device("A100-80GB");
        TrainingSpec training = new TrainingSpec(1536, 2048, Precision.FP16, false, false, true);
        // ZeRO-3 at micro-batch 1 waits for parameter gathers; PTD-P at micro-batch 1 computes most of the time
        Estimate zero3 = AnalyticModel.estimate(model, a100, training, new ParallelConfig(1536, 1, 1, 1, 1, 3, Recompute.FULL, false, 1));
        Estimate ptd = AnalyticModel.estimate(model, a100, training, new ParallelConfig(16, 8, 12, 1, 1, 0, Recompute.FULL, false, 1));
        double cap = 250;
        double zeroSlowdown = zero3.tokensPerSecond() / AnalyticModel.estimate(model, a100, training, zero3.config(), cap).tokensPerSecond();
        double ptdSlowdown = ptd.tokensPerSecond() / AnalyticModel.estimate(model, a100, training, ptd.config(), cap).tokensPerSecond();
        assertThat(zeroSlowdown).isLessThan(ptdSlowdown);
        assertThat(ptdSlowdown).isGreaterThan(1.1);
    }

    @Test
    void capsOutsideTheCalibratedRangeAreRejectedWithTheRange() {
        ModelSpec model = catalogue.model("llama2-7b");
        DeviceSpec h100 = catalogue.device("H100-80GB");
        TrainingSpec training = new TrainingSpec(64, 4096);
        ParallelConfig config = new ParallelConfig(8, 1, 1, 1, 1, 1, Recompute.SELECTIVE, false, 1);
        assertThatThrownBy(() -> AnalyticModel.estimate(model, h100, training, config, 200))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("280-700 W").hasMessageContaining("H100-80GB");
        assertThatThrownBy(() -> AnalyticModel.estimate(model, h100, training, config, 800)).hasMessageContaining("outside");
    }
}
