package org.carbonaware.planner.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

class AnalyticModelTest {

    private static final double GIB = 1024.0 * 1024 * 1024;
    private final Catalogue catalogue = Catalogue.bundled();
    private final DeviceSpec a100 = catalogue.device("A100-80GB");

    @Test
    void parameterCountsMatchThePublishedSizes() {
        assertThat(catalogue.model("gpt3-175b").totalParams() / 1e9).isCloseTo(175, within(2.0));
        assertThat(catalogue.model("bloom-176b").totalParams() / 1e9).isCloseTo(176, within(2.0));
        assertThat(catalogue.model("llama3-70b").totalParams() / 1e9).isCloseTo(70.6, within(1.0));
        assertThat(catalogue.model("llama3-405b").totalParams() / 1e9).isCloseTo(405, within(5.0));
        assertThat(catalogue.model("llama2-7b").totalParams() / 1e9).isCloseTo(6.7, within(0.2));
        ModelSpec mixtral = catalogue.model("mixtral-8x7b");
        assertThat(mixtral.totalParams() / 1e9).isCloseTo(46.7, within(1.0));
        assertThat(mixtral.activeParams() / 1e9).isCloseTo(12.9, within(0.5));
        // Narayanan et al. 2021: P = 12 l h^2 (1 + 13/(12h) + (V + s)/(12 l h)); the 1T row is 1008B.
        assertThat(catalogue.model("megatron-1t").totalParams() / 1e9).isCloseTo(1008, within(10.0));
    }

    @Test
    void weightsTakeTwoBytesAndMixedPrecisionAdamSixteenBytesPerParameterEighteenWithFp32Gradients() {
        ModelSpec gpt = ModelSpec.dense("tiny", 4, 1024, 16, 32000, 1024);
        TrainingSpec fp16 = new TrainingSpec(8, 1024, Precision.FP16, true, false);
        Estimate e = AnalyticModel.estimate(gpt, a100, fp16, new ParallelConfig(1, 1, 1, 1));
        double params = AnalyticModel.paramsPerGpu(gpt, new ParallelConfig(1, 1, 1, 1));
        assertThat(params).isEqualTo(gpt.totalParams());
        assertThat(e.memory().weightsGiB() * GIB).isCloseTo(2 * params, within(1.0));
        assertThat((e.memory().weightsGiB() + e.memory().gradientsGiB() + e.memory().optimizerGiB()) * GIB).isCloseTo(16 * params, within(1.0));
        // ZeRO-1 shards the 12 optimizer bytes, ZeRO-3 everything.
        Estimate zero1 = AnalyticModel.estimate(gpt, a100, fp16, new ParallelConfig(4, 1, 1, 1, 1, 1, Recompute.NONE, false, 1));
        assertThat(zero1.memory().optimizerGiB() * GIB).isCloseTo(12 * params / 4, within(1.0));
        Estimate zero3 = AnalyticModel.estimate(gpt, a100, fp16, new ParallelConfig(4, 1, 1, 1, 1, 3, Recompute.NONE, false, 1));
        assertThat((zero3.memory().weightsGiB() + zero3.memory().gradientsGiB() + zero3.memory().optimizerGiB()) * GIB).isCloseTo(16 * params / 4, within(1.0));
        // bf16 accumulates gradients in fp32: Megatron-LM's 18 bytes per parameter, 6 + 12/d with the distributed optimizer.
        TrainingSpec bf16 = new TrainingSpec(8, 1024, Precision.BF16, true, false);
        Estimate b = AnalyticModel.estimate(gpt, a100, bf16, new ParallelConfig(1, 1, 1, 1));
        assertThat(b.memory().gradientsGiB() * GIB).isCloseTo(4 * params, within(1.0));
        Estimate distributed = AnalyticModel.estimate(gpt, a100, bf16, new ParallelConfig(4, 1, 1, 1, 1, 1, Recompute.NONE, false, 1));
        assertThat((distributed.memory().weightsGiB() + distributed.memory().gradientsGiB() + distributed.memory().optimizerGiB()) * GIB)
                .isCloseTo((6 + 12.0 / 4) * params, within(1.0));
    }

    @Test
    void activationsFollowKorthikanti() {
        ModelSpec gpt = catalogue.model("gpt3-175b");
        int s = 2048;
        int b = 1;
        double h = gpt.hidden();
        double a = gpt.heads();
        TrainingSpec standard = new TrainingSpec(64, s, Precision.BF16, false, false);
        double sbh = s * b * h;
        // No parallelism: sbh (34 + 5as/h).
        assertThat(AnalyticModel.activationBytesPerLayer(gpt, standard, new ParallelConfig(1, 1, 1, b), Recompute.NONE))
                .isCloseTo(sbh * (34 + 5 * a * s / h), within(1.0));
        // Tensor parallel t without sequence parallelism: sbh (10 + 24/t + 5as/(ht)).
        int t = 8;
        assertThat(AnalyticModel.activationBytesPerLayer(gpt, standard, new ParallelConfig(1, t, 1, b), Recompute.NONE))
                .isCloseTo(sbh * (10 + 24.0 / t + 5 * a * s / (h * t)), within(1.0));
        // With sequence parallelism: sbh/t (34 + 5as/h); selective recompute drops the 5as/h term; full keeps 2sbh/t.
        ParallelConfig sp = new ParallelConfig(1, t, 1, b, 1, 0, Recompute.NONE, true, 1);
        assertThat(AnalyticModel.activationBytesPerLayer(gpt, standard, sp, Recompute.NONE)).isCloseTo(sbh / t * (34 + 5 * a * s / h), within(1.0));
        assertThat(AnalyticModel.activationBytesPerLayer(gpt, standard, sp, Recompute.SELECTIVE)).isCloseTo(sbh / t * 34, within(1.0));
        assertThat(AnalyticModel.activationBytesPerLayer(gpt, standard, sp, Recompute.FULL)).isCloseTo(2 * sbh / t, within(1.0));
        // Flash attention keeps no s x s scores.
        assertThat(AnalyticModel.activationBytesPerLayer(gpt, standard.withFlashAttention(true), new ParallelConfig(1, 1, 1, b), Recompute.NONE))
                .isCloseTo(sbh * 34, within(1.0));
    }

    @Test
    void withoutDropoutNoMasksAndOnlyTheSoftmaxOutputAreStored() {
        ModelSpec withDropout = catalogue.model("gpt3-175b");
        ModelSpec gpt = new ModelSpec("gpt-nodrop", "GPT-3 shape without dropout", 96, 12288, 96, 96, 49152, 51200, false, 1, 1, false,
                false, 2048, "test");
        int s = 2048;
        double h = gpt.hidden();
        double a = gpt.heads();
        double sbh = s * h;
        TrainingSpec standard = new TrainingSpec(64, s, Precision.BF16, false, false);
        // 34 - two 1-byte hidden-dropout masks = 32; scores: softmax output 2as/h instead of 5as/h (mask and dropout output).
        assertThat(AnalyticModel.activationBytesPerLayer(gpt, standard, new ParallelConfig(1, 1, 1, 1), Recompute.NONE))
                .isCloseTo(sbh * (32 + 2 * a * s / h), within(1.0));
        int t = 8;
        assertThat(AnalyticModel.activationBytesPerLayer(gpt, standard, new ParallelConfig(1, t, 1, 1), Recompute.NONE))
                .isCloseTo(sbh * (8 + 24.0 / t + 2 * a * s / (h * t)), within(1.0));
        assertThat(AnalyticModel.activationBytesPerLayer(gpt, standard.withFlashAttention(true), new ParallelConfig(1, 1, 1, 1), Recompute.NONE))
                .isCloseTo(sbh * 32, within(1.0));
        // Full recomputation keeps only the layer input either way.
        assertThat(AnalyticModel.activationBytesPerLayer(gpt, standard, new ParallelConfig(1, 1, 1, 1), Recompute.FULL))
                .isEqualTo(AnalyticModel.activationBytesPerLayer(withDropout, standard, new ParallelConfig(1, 1, 1, 1), Recompute.FULL));
        // Fewer stored bytes are also fewer memory-bound passes: the same configuration runs faster without dropout.
        ParallelConfig c = new ParallelConfig(1, 8, 8, 1, 1, 0, Recompute.SELECTIVE, true, 1);
        assertThat(AnalyticModel.estimate(gpt, a100, standard, c).iterationSeconds())
                .isLessThan(AnalyticModel.estimate(withDropout, a100, standard, c).iterationSeconds());
    }

    @Test
    void catalogueStatesDropoutPerModelAndInlineModelsDefaultToIt() {
        assertThat(catalogue.model("gpt3-175b").dropout()).isTrue();
        assertThat(catalogue.model("bloom-176b").dropout()).isTrue();
        assertThat(catalogue.model("opt-175b").dropout()).isTrue();
        assertThat(catalogue.model("llama3-405b").dropout()).isFalse();
        assertThat(catalogue.model("llama2-7b").dropout()).isFalse();
        assertThat(catalogue.model("mixtral-8x7b").dropout()).isFalse();
        assertThat(catalogue.models()).allSatisfy(m -> assertThat(m.source()).contains("dropout: "));
        assertThat(ModelGenerator.dense(4096, 32000, 2048).dropout()).isEqualTo(ModelSpec.DEFAULT_DROPOUT).isTrue();
        assertThat(ModelSpec.dense("x", 2, 256, 2, 1000, 128).dropout()).isTrue();
        String inline = "{\"id\": \"mine\", \"layers\": 2, \"hidden\": 256, \"heads\": 2, \"vocab\": 1000%s}";
        assertThat(parse(inline.formatted("")).dropout()).isTrue();
        ModelSpec off = parse(inline.formatted(", \"dropout\": false, \"dropoutSource\": \"my recipe\""));
        assertThat(off.dropout()).isFalse();
        assertThat(off.source()).isEqualTo("user; dropout: my recipe");
    }

    private static ModelSpec parse(String json) {
        try {
            return Catalogue.parseModel(new org.carbonaware.planner.common.JsonFields("inline.json", "model.",
                    new com.fasterxml.jackson.databind.ObjectMapper().readTree(json)), null);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void inFlightMicroBatchesFollowMegatronWarmupAndNeverExceedTheStep() {
        // plain 1F1B: p - rank, at most m
        assertThat(AnalyticModel.inFlightMicroBatches(32, 16, 1, 0)).isEqualTo(16);
        assertThat(AnalyticModel.inFlightMicroBatches(32, 16, 1, 15)).isEqualTo(1);
        assertThat(AnalyticModel.inFlightMicroBatches(8, 16, 1, 0)).isEqualTo(8);
        // interleaved: 2(p - rank - 1) + (v - 1)p + 1 virtual-stage micro-batches = p + (p - 2 rank - 1)/v stages
        assertThat(AnalyticModel.inFlightMicroBatches(32, 16, 4, 0)).isEqualTo((2 * 15 + 3 * 16 + 1) / 4.0);
        assertThat(AnalyticModel.inFlightMicroBatches(32, 16, 4, 1)).isEqualTo((2 * 14 + 3 * 16 + 1) / 4.0);
        assertThat(AnalyticModel.inFlightMicroBatches(32, 16, 4, 15)).isEqualTo((3 * 16 + 1) / 4.0);
        // m = p: every forward runs before the first backward, all m micro-batches are held, not more
        assertThat(AnalyticModel.inFlightMicroBatches(16, 16, 4, 0)).isEqualTo(16);
    }

    @Test
    void layoutErrorsNameTheConstraintAndTheNumbers() {
        ModelSpec gpt = catalogue.model("gpt3-175b");
        TrainingSpec training = new TrainingSpec(1536, 2048);
        Estimate heads = AnalyticModel.estimate(gpt, a100, training, new ParallelConfig(1, 5, 8, 1));
        assertThat(heads.fits()).isFalse();
        assertThat(heads.whyNot()).contains("heads 96 is not divisible by tp 5").contains("tp-within-node");
        assertThat(heads.iterationSeconds()).isNaN();
        Estimate batch = AnalyticModel.estimate(gpt, a100, training, new ParallelConfig(7, 8, 8, 1));
        assertThat(batch.violations()).extracting(Violation::constraint).containsExactly("divisibility");
        assertThat(batch.whyNot()).contains("global batch 1536 sequences is not divisible by dp x micro-batch = 7 (remainder 3)");
        Estimate layers = AnalyticModel.estimate(gpt, a100, training, new ParallelConfig(1, 8, 7, 1));
        assertThat(layers.whyNot()).contains("layers 96 are not divisible by pp x interleave = 7 (remainder 5)");
        Estimate uneven = AnalyticModel.estimate(gpt, a100, training.withUnevenPipelineStages(true), new ParallelConfig(1, 8, 7, 1, 1, 1, Recompute.FULL, true, 1));
        assertThat(uneven.violations()).extracting(Violation::constraint).doesNotContain("divisibility");
        Estimate zero = AnalyticModel.estimate(gpt, a100, training, new ParallelConfig(2, 8, 8, 1, 1, 3, Recompute.FULL, false, 1));
        assertThat(zero.violations()).extracting(Violation::constraint).containsExactly("zero");
        Estimate interleave = AnalyticModel.estimate(gpt, a100, training, new ParallelConfig(8, 8, 1, 1, 2, 0, Recompute.FULL, false, 1));
        assertThat(interleave.whyNot()).contains("interleave 2 needs pipeline parallelism");
    }

    @Test
    void memoryShortfallSaysByHowMuchAndStillPredictsTime() {
        ModelSpec gpt = catalogue.model("gpt3-175b");
        Estimate e = AnalyticModel.estimate(gpt, a100, new TrainingSpec(1536, 2048), new ParallelConfig(1, 8, 1, 1));
        assertThat(e.fits()).isFalse();
        assertThat(e.violations()).singleElement().satisfies(v -> {
            assertThat(v.constraint()).isEqualTo("memory");
            assertThat(v.message()).matches("needs [0-9.]+ GiB per GPU but A100-80GB has 75\\.1 usable GiB \\([0-9.]+ GiB over\\)");
        });
        assertThat(e.memoryGiBPerGpu()).isGreaterThan(300);
        assertThat(e.iterationSeconds()).isPositive();
    }

    @Test
    void moreDataParallelismIsFasterButLessEfficientAndPowerScalesWithGpus() {
        ModelSpec model = catalogue.model("llama2-7b");
        TrainingSpec training = new TrainingSpec(256, 4096);
        DeviceSpec h100 = catalogue.device("H100-80GB");
        Estimate small = AnalyticModel.estimate(model, h100, training, new ParallelConfig(8, 1, 1, 1, 1, 1, Recompute.SELECTIVE, false, 1));
        Estimate large = AnalyticModel.estimate(model, h100, training, new ParallelConfig(64, 1, 1, 1, 1, 1, Recompute.SELECTIVE, false, 1));
        assertThat(small.fits()).isTrue();
        assertThat(large.fits()).isTrue();
        assertThat(large.tokensPerSecond()).isGreaterThan(small.tokensPerSecond());
        assertThat(large.tokensPerSecond() / 64).isLessThanOrEqualTo(small.tokensPerSecond() / 8);
        // power grows faster with the GPUs than throughput does: the asymmetry the planner exploits
        assertThat(large.watts() / small.watts()).isGreaterThan(large.tokensPerSecond() / small.tokensPerSecond());
        assertThat(large.watts()).isGreaterThan(4 * small.watts());
        assertThat(small.wattsPerGpu()).isBetween(h100.idleWatts(), h100.tdpWatts());
        assertThat(small.mfu()).isBetween(0.2, 0.8);
        assertThat(large.embodiedGramsPerHour()).isCloseTo(64 * h100.embodiedGramsPerGpuHour(), within(1e-6));
    }

    @Test
    void embodiedCarbonIsAreaTimesCarbonPerAreaOverLifetime() {
        double chipKg = a100.dieAreaMm2() / 100 * a100.logicKgPerCm2() + a100.memoryGiB() * 1.073741824 * a100.hbmKgPerGB();
        assertThat(a100.chipEmbodiedKg()).isCloseTo(chipKg, within(1e-9));
        double perHour = (chipKg + a100.hostKgPerNode() / a100.gpusPerNode()) * 1000 / (a100.lifetimeYears() * 8760);
        assertThat(a100.embodiedGramsPerGpuHour()).isCloseTo(perHour, within(1e-9));
        // Luccioni et al. 2023 put BLOOM's A100 servers at roughly 10 g per GPU-hour; same order here.
        assertThat(a100.embodiedGramsPerGpuHour()).isBetween(4.0, 15.0);
    }

    @Test
    void everyCatalogueNumberHasASource() {
        for (DeviceSpec device : catalogue.devices()) {
            String covered = String.join(",", device.sourceMap().keySet());
            for (String field : List.of("peakTflops", "memoryGiB", "hbmGBps", "nvlinkGBps", "interNodeGBpsPerGpu", "tdpWatts", "idleWatts",
                    "hostWattsPerNode", "dieAreaMm2", "processNode", "hostKgPerNode", "logicKgPerCm2", "hbmKgPerGB", "lifetimeYears",
                    "voltageFloorClockShare", "unthrottledPowerRatio")) {
                assertThat(covered).as(device.id() + " source of " + field).contains(field);
            }
        }
        for (ModelSpec model : catalogue.models()) {
            assertThat(model.source()).as(model.id()).isNotBlank().isNotEqualTo("user");
        }
        assertThat(catalogue.devices()).extracting(DeviceSpec::id).contains("A100-80GB", "H100-80GB", "V100-32GB", "A100-40GB",
                "B100", "B200", "H800", "H200", "TPUv4", "TPUv5p");
    }

    @Test
    void generatorReproducesGpt3ShapeAndChinchillaData() {
        ModelSpec generated = ModelGenerator.dense(12288, 51200, 2048);
        assertThat(generated.layers()).isEqualTo(96);
        assertThat(generated.heads()).isEqualTo(96);
        assertThat(generated.ffn()).isEqualTo(4 * 12288);
        assertThat(generated.totalParams() / 1e9).isCloseTo(175, within(2.0));
        assertThat(ModelGenerator.chinchillaTokens(generated)).isCloseTo(20 * generated.activeParams(), within(1.0));
        ModelSpec moe = ModelGenerator.moe(4096, 64, 8, 4, 51200, 2048);
        assertThat(moe.ffn()).isEqualTo(4096);
        assertThat(moe.activeParams()).isLessThan(moe.totalParams() / 4);
    }
}
