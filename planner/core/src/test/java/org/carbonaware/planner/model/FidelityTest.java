package org.carbonaware.planner.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Predicted vs published training runs. This test is the source of the fidelity table in
 * benchmarks/analytic-model.md: it prints the table and fails when an error leaves its documented bound.
 * Only published model shapes, hardware, layouts and schedules are used; knobs a paper does not state (micro-batch,
 * interleaving, for Llama 3 the recompute mode) are set to the fastest fitting value, as the authors tuned them.
 */
class FidelityTest {

    /** Every row's |throughput error| must stay within this, and the median within {@link #MEDIAN_BOUND}. */
    static final double ROW_BOUND = 0.20;
    /**
     * MT-NLG ran 20 % slower than Megatron-LM's own runs of the same 530B model on the same cluster (Narayanan et
     * al. 2021, Table 2: 159 TFLOP/s at 2,240 GPUs), more than the bubble of its smaller batch explains; the
     * difference is in the 2021 DeepSpeed pipeline engine, which the model does not represent.
     */
    static final double MT_NLG_BOUND = 0.30;
    static final double MEDIAN_BOUND = 0.08;
    /** A DP series' mean drop per doubling of DP must be within this many percentage points of the published one. */
    static final double SLOPE_BOUND_POINTS = 1.5;

    static final String TFLOPS = "TFLOP/s per GPU";
    static final String MODEL_TFLOPS = "model TFLOP/s per GPU";
    static final String SECONDS = "s per iteration";

    /**
     * One published run. Null micro-batch, interleave or recompute: the fastest fitting value.
     *
     * @param series runs of one model that differ only in DP (for the per-doubling slope); null when alone
     */
    record Row(String run, String source, String series, String modelId, String deviceId, int dp, int tp, int pp, int globalBatch,
               Integer microBatch, Integer interleave, int zeroStage, Recompute recompute, boolean sequenceParallel,
               TrainingSpec training, String metric, double reported) {
    }

    record Result(Row row, Estimate estimate, double predicted, double error) {
    }

    /** 2021-22 Megatron-LM on Selene: no flash attention; whether the gradient reduction overlaps the last backward. */
    private static TrainingSpec megatron2021(int batch, Precision precision, boolean overlap) {
        return new TrainingSpec(batch, 2048, precision, false, false, overlap);
    }

    private static TrainingSpec megatron2021(int batch, Precision precision) {
        return megatron2021(batch, precision, false);
    }

    static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        String t1 = "Narayanan et al. 2021, Table 1";
        String[] ids = {"1.7b", "3.6b", "7.5b", "18.4b", "39.1b", "76.1b", "145.6b", "310.1b", "529.6b", "1t"};
        int[] tp = {1, 2, 4, 8, 8, 8, 8, 8, 8, 8};
        int[] pp = {1, 1, 1, 1, 2, 4, 8, 16, 35, 64};
        int[] gpus = {32, 64, 128, 256, 512, 1024, 1536, 1920, 2520, 3072};
        int[] batch = {512, 512, 512, 1024, 1536, 1792, 2304, 2160, 2520, 3072};
        double[] tflops = {137, 138, 142, 135, 138, 140, 148, 155, 163, 163};
        for (int i = 0; i < ids.length; i++) {
            rows.add(new Row("Megatron GPT " + ids[i].toUpperCase(Locale.ROOT) + ", " + gpus[i] + " GPUs", t1, null, "megatron-" + ids[i],
                    "A100-80GB", gpus[i] / (tp[i] * pp[i]), tp[i], pp[i], batch[i], null, 1, 0, Recompute.FULL, false,
                    megatron2021(batch[i], Precision.FP16, true), TFLOPS, tflops[i]));
        }
        // Table 2, PTD-P: model-parallel size 96 = TP 8 x PP 12 (174.6B) and 280 = TP 8 x PP 35 (529.6B), micro-batch 1.
        String t2 = "Narayanan et al. 2021, Table 2";
        int[] ptd175Gpus = {384, 768, 1536};
        double[] ptd175 = {153, 149, 141};
        for (int i = 0; i < 3; i++) {
            rows.add(new Row("PTD-P GPT 174.6B, " + ptd175Gpus[i] + " GPUs (TP8 PP12)", t2, "PTD-P 174.6B", "gpt3-175b", "A100-80GB",
                    ptd175Gpus[i] / 96, 8, 12, 1536, 1, 1, 0, Recompute.FULL, false, megatron2021(1536, Precision.FP16, true), TFLOPS, ptd175[i]));
        }
        int[] ptd530Gpus = {560, 1120, 2240};
        double[] ptd530 = {171, 167, 159};
        for (int i = 0; i < 3; i++) {
            rows.add(new Row("PTD-P GPT 529.6B, " + ptd530Gpus[i] + " GPUs (TP8 PP35)", t2, "PTD-P 529.6B", "megatron-529.6b", "A100-80GB",
                    ptd530Gpus[i] / 280, 8, 35, 2240, 1, 1, 0, Recompute.FULL, false, megatron2021(2240, Precision.FP16, true), TFLOPS, ptd530[i]));
        }
        // Table 2, ZeRO-3 without model parallelism (DeepSpeed), micro-batch as published, activation checkpointing.
        int[] z175Gpus = {384, 768, 1536};
        int[] z175Mb = {4, 2, 1};
        double[] z175 = {144, 88, 44};
        for (int i = 0; i < 3; i++) {
            rows.add(new Row("ZeRO-3 GPT 174.6B, " + z175Gpus[i] + " GPUs (mb " + z175Mb[i] + ")", t2, "ZeRO-3 174.6B", "gpt3-175b",
                    "A100-80GB", z175Gpus[i], 1, 1, 1536, z175Mb[i], 1, 3, Recompute.FULL, false, megatron2021(1536, Precision.FP16), TFLOPS, z175[i]));
        }
        int[] z530Gpus = {640, 1120, 2240};
        int[] z530Batch = {2560, 2240, 2240};
        int[] z530Mb = {4, 2, 1};
        double[] z530 = {138, 98, 48};
        for (int i = 0; i < 3; i++) {
            rows.add(new Row("ZeRO-3 GPT 529.6B, " + z530Gpus[i] + " GPUs (mb " + z530Mb[i] + ")", t2, null, "megatron-529.6b",
                    "A100-80GB", z530Gpus[i], 1, 1, z530Batch[i], z530Mb[i], 1, 3, Recompute.FULL, false,
                    megatron2021(z530Batch[i], Precision.FP16), TFLOPS, z530[i]));
        }
        // Korthikanti et al. 2022, Tables 3 and 5: no data parallelism, micro-batch 1, interleave 3 for 175B and 530B.
        String k5 = "Korthikanti et al. 2022, Table 5";
        String[] kIds = {"megatron-22b", "gpt3-175b", "megatron-529.6b", "megatron-1t"};
        String[] kNames = {"22B", "175B", "530B", "1T"};
        int[] kPp = {1, 8, 35, 64};
        int[] kBatch = {4, 64, 280, 512};
        int[] kV = {1, 3, 3, 1};
        double[] kPresent = {1.10, 13.75, 37.83, 71.49};
        double[] kFull = {1.42, 18.13, 49.05, 94.42};
        for (int i = 0; i < 4; i++) {
            TrainingSpec training = megatron2021(kBatch[i], Precision.BF16);
            rows.add(new Row("Megatron " + kNames[i] + ", " + 8 * kPp[i] + " GPUs, selective recompute + SP", k5, null, kIds[i], "A100-80GB",
                    1, 8, kPp[i], kBatch[i], 1, kV[i], 0, Recompute.SELECTIVE, true, training, SECONDS, kPresent[i]));
            rows.add(new Row("Megatron " + kNames[i] + ", " + 8 * kPp[i] + " GPUs, full recompute", k5, null, kIds[i], "A100-80GB",
                    1, 8, kPp[i], kBatch[i], 1, kV[i], 0, Recompute.FULL, false, training, SECONDS, kFull[i]));
        }
        rows.add(new Row("Megatron 530B, 2240 GPUs (DP8), selective recompute + SP", "Korthikanti et al. 2022, section 6.3", null,
                "megatron-529.6b", "A100-80GB", 8, 8, 35, 2240, 1, 3, 0, Recompute.SELECTIVE, true, megatron2021(2240, Precision.BF16),
                SECONDS, 39.15));
        rows.add(new Row("BLOOM 176B, 384 GPUs (TP4 PP12 DP8, mb 2)", "Le Scao et al. 2022; BigScience training logs", null, "bloom-176b",
                "A100-80GB", 8, 4, 12, 2048, 2, 1, 1, Recompute.FULL, false,
                new TrainingSpec(2048, 2048, Precision.BF16, false, true, false), SECONDS, 104.7));
        rows.add(new Row("OPT 175B, 992 GPUs (TP8, FSDP)", "Zhang et al. 2022, section 2.4", null, "opt-175b", "A100-80GB",
                124, 8, 1, 992, null, 1, 3, Recompute.FULL, false, megatron2021(992, Precision.FP16), TFLOPS, 147));
        // MT-NLG: DeepSpeed 1F1B pipeline (no interleaving), TP 8 x PP 35, batch 1920, bf16; TFLOP/s counted as Narayanan et al.
        int[] mtGpus = {2240, 2800, 3360};
        double[] mt = {126, 121, 113};
        for (int i = 0; i < 3; i++) {
            rows.add(new Row("MT-NLG 530B, " + mtGpus[i] + " GPUs (TP8 PP35)", "Smith et al. 2022; PaLM App. B (65.43K tokens/s at 2240)",
                    "MT-NLG 530B", "megatron-529.6b", "A100-80GB", mtGpus[i] / 280, 8, 35, 1920, 1, 1, 1, Recompute.FULL, false,
                    megatron2021(1920, Precision.BF16), TFLOPS, mt[i]));
        }
        // Llama 3 405B pre-training (8K context): TP8 CP1 PP16, 16M-token batches, BF16, sequence parallelism, flash
        // attention; the paper shortens the first and last stage (126 layers on 16 stages) and trains without
        // activation checkpointing; gradients are reduced in FP32 by FSDP (overlapped).
        TrainingSpec llama = new TrainingSpec(2048, 8192, Precision.BF16, true, true, true);
        rows.add(new Row("Llama 3 405B, 8,192 GPUs (TP8 PP16 DP64)", "Grattafiori et al. 2024, Table 4", "Llama 3 405B", "llama3-405b",
                "H100-80GB", 64, 8, 16, 2048, 1, null, 1, null, true, llama, MODEL_TFLOPS, 430));
        rows.add(new Row("Llama 3 405B, 16,384 GPUs (TP8 PP16 DP128)", "Grattafiori et al. 2024, Table 4", "Llama 3 405B", "llama3-405b",
                "H100-80GB", 128, 8, 16, 2048, 1, null, 1, null, true, llama, MODEL_TFLOPS, 400));
        return rows;
    }

    static Result evaluate(Row row) {
        Catalogue catalogue = Catalogue.bundled();
        ModelSpec model = catalogue.model(row.modelId());
        DeviceSpec device = catalogue.device(row.deviceId());
        Estimate estimate = null;
        for (Recompute recompute : row.recompute() == null ? Recompute.values() : new Recompute[] {row.recompute()}) {
            ParallelConfig base = new ParallelConfig(row.dp(), row.tp(), row.pp(), row.microBatch() == null ? 1 : row.microBatch(),
                    row.interleave() == null ? 1 : row.interleave(), row.zeroStage(), recompute, row.sequenceParallel(), 1);
            Estimate candidate = ConfigurationSearch.fastest(model, device, row.training(), base, row.microBatch() == null,
                    row.interleave() == null && row.pp() > 1, row.recompute() == null, Double.NaN).orElse(null);
            if (candidate != null && (estimate == null || candidate.tokensPerSecond() > estimate.tokensPerSecond())) {
                estimate = candidate;
            }
        }
        assertThat(estimate).as(row.run() + " fits").isNotNull();
        double predicted = switch (row.metric()) {
            case TFLOPS -> estimate.hardwareTflopsPerGpu();
            case MODEL_TFLOPS -> estimate.mfu() * device.peakTflops();
            default -> estimate.iterationSeconds();
        };
        // A shorter iteration is a higher throughput: report throughput error for time rows.
        double throughputError = row.metric().equals(SECONDS) ? row.reported() / predicted - 1 : predicted / row.reported() - 1;
        return new Result(row, estimate, predicted, throughputError);
    }

    static double median(double[] sorted) {
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    @Test
    void throughputOfPublishedRunsIsWithinTheDocumentedBounds() {
        List<Result> results = rows().stream().map(FidelityTest::evaluate).toList();
        StringBuilder table = new StringBuilder("| run | source | metric | reported | predicted | throughput error | mb / v / recompute |\n"
                + "|---|---|---|---|---|---|---|\n");
        for (Result r : results) {
            ParallelConfig c = r.estimate().config();
            table.append(String.format(Locale.ROOT, "| %s | %s | %s | %.2f | %.2f | %+.1f %% | %d / %d / %s |%n", r.row().run(), r.row().source(),
                    r.row().metric(), r.row().reported(), r.predicted(), 100 * r.error(), c.microBatch(), c.interleave(), c.partialRecompute() ? "full, " + c.recomputeLayers() + " of "
                    + AnalyticModel.chunkLayers(Catalogue.bundled().model(r.row().modelId()), c) + " layers" : c.recompute().label()));
        }
        double[] absolute = results.stream().mapToDouble(r -> Math.abs(r.error())).sorted().toArray();
        table.append(String.format(Locale.ROOT, "%nmedian |error| %.1f %%, max %.1f %% over %d runs%n", 100 * median(absolute),
                100 * absolute[absolute.length - 1], absolute.length));
        System.out.println(table);
        for (Result r : results) {
            double bound = "MT-NLG 530B".equals(r.row().series()) ? MT_NLG_BOUND : ROW_BOUND;
            assertThat(Math.abs(r.error())).as(r.row().run()).isLessThanOrEqualTo(bound);
        }
        assertThat(median(absolute)).isLessThanOrEqualTo(MEDIAN_BOUND);
    }

    /**
     * Per-GPU throughput lost per doubling of DP at a fixed global batch (mean over the series, in percentage points),
     * published and predicted. The slope is what decides how much carbon the last replicas cost.
     */
    @Test
    void dataParallelSlopeFollowsThePublishedSeries() {
        Map<String, List<Result>> series = new LinkedHashMap<>();
        for (Row row : rows()) {
            if (row.series() != null) {
                series.computeIfAbsent(row.series(), k -> new ArrayList<>()).add(evaluate(row));
            }
        }
        StringBuilder table = new StringBuilder("| series | DP | published drop per doubling | predicted | difference |\n|---|---|---|---|---|\n");
        Map<String, Double> differences = new LinkedHashMap<>();
        for (var entry : series.entrySet()) {
            List<Result> list = entry.getValue();
            Result first = list.get(0);
            Result last = list.get(list.size() - 1);
            double doublings = Math.log((double) last.row().dp() / first.row().dp()) / Math.log(2);
            double published = perDoublingDrop(perGpu(first.row(), first.row().reported()), perGpu(last.row(), last.row().reported()), doublings);
            double predicted = perDoublingDrop(perGpu(first.row(), first.predicted()), perGpu(last.row(), last.predicted()), doublings);
            differences.put(entry.getKey(), predicted - published);
            table.append(String.format(Locale.ROOT, "| %s | %d to %d | %.1f | %.1f | %+.1f |%n", entry.getKey(), first.row().dp(), last.row().dp(),
                    published, predicted, predicted - published));
        }
        System.out.println(table);
        for (String name : List.of("PTD-P 174.6B", "PTD-P 529.6B", "ZeRO-3 174.6B")) {
            assertThat(Math.abs(differences.get(name))).as(name).isLessThanOrEqualTo(SLOPE_BOUND_POINTS);
        }
    }

    /** Throughput per GPU in the row's metric; iteration times are turned into a rate. */
    private static double perGpu(Row row, double value) {
        return row.metric().equals(SECONDS) ? 1.0 / (value * row.dp() * row.tp() * row.pp()) * row.globalBatch() : value;
    }

    /** Mean drop per doubling in percentage points: 100 x (1 - (last/first)^(1/doublings)). */
    static double perDoublingDrop(double first, double last, double doublings) {
        return 100 * (1 - Math.pow(last / first, 1 / doublings));
    }

    /**
     * BLOOM totals: 366B tokens; Luccioni et al. 2023 report 1,082,990 GPU-hours, 433,196 kWh (GPU-hours x 400 W TDP,
     * not metered) and 11.2 t embodied. The steady state misses the time lost to restarts and evaluation; the
     * goodput term (set from Llama 3's statistics, not from BLOOM) accounts for it.
     */
    @Test
    void bloomGpuHoursEnergyAndEmbodiedCarbon() {
        Row bloom = rows().stream().filter(r -> r.modelId().equals("bloom-176b")).findFirst().orElseThrow();
        Estimate e = evaluate(bloom).estimate();
        WholeRun run = WholeRun.of(e, 366e9);
        double steadyGpuHours = run.steadyHours() * e.gpus();
        double gpuEnergyKwh = run.gpuHours() * e.wattsPerGpu() / 1000.0;
        double embodiedTonnes = run.gpuHours() * e.embodiedGramsPerHour() / e.gpus() / 1e6;
        double steadyError = steadyGpuHours / 1_082_990 - 1;
        double gpuHoursError = run.gpuHours() / 1_082_990 - 1;
        double energyError = gpuEnergyKwh / 433_196 - 1;
        double embodiedError = embodiedTonnes / 11.2 - 1;
        System.out.printf(Locale.ROOT, "| BLOOM GPU-hours, steady state | %.0f | %.0f | %+.1f %% |%n| BLOOM GPU-hours, goodput %.2f | %.0f | %.0f | %+.1f %% |%n"
                        + "| BLOOM GPU energy (kWh) | %.0f | %.0f | %+.1f %% |%n| BLOOM embodied (t CO2e) | %.1f | %.1f | %+.1f %% |%n",
                1_082_990.0, steadyGpuHours, 100 * steadyError, WholeRun.GOODPUT, 1_082_990.0, run.gpuHours(), 100 * gpuHoursError,
                433_196.0, gpuEnergyKwh, 100 * energyError, 11.2, embodiedTonnes, 100 * embodiedError);
        assertThat(steadyError).isNegative();
        assertThat(Math.abs(gpuHoursError)).isLessThanOrEqualTo(0.05);
        assertThat(Math.abs(energyError)).isLessThanOrEqualTo(0.20);
        assertThat(Math.abs(embodiedError)).isLessThanOrEqualTo(0.40);
    }
}
