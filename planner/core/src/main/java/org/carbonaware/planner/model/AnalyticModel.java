package org.carbonaware.planner.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.carbonaware.planner.common.JsonFields;

/**
 * The analytic performance, memory and power model of one training configuration. Equations and references are in
 * {@code benchmarks/analytic-model.md}. The constants below are global (the same for every model, device and run);
 * there is no per-run correction.
 */
public final class AnalyticModel {

    /** Best fraction of peak a large BF16/FP16 GEMM reaches in a training step. */
    public static final double GEMM_EFFICIENCY = 0.80;
    /** GEMM efficiency falls as d/(d + this) with the smallest matrix dimension d (hidden/tp, ffn/tp, tokens). */
    public static final double GEMM_HALF_DIMENSION = 256;
    /** Attention score GEMMs contract over the head dimension: efficiency d_head/(d_head + this). */
    public static final double ATTENTION_HALF_HEAD_DIMENSION = 64;
    /** Memory-bound kernels (norms, softmax, dropout, activations) read and write each stored activation this often. */
    public static final double ELEMENTWISE_PASSES = 2.0;
    /** Achieved fraction of nominal HBM bandwidth. */
    public static final double HBM_EFFICIENCY = 0.80;
    /** Achieved fraction of nominal link bandwidth in NCCL collectives. */
    public static final double LINK_EFFICIENCY = 0.80;
    /** Fixed cost of one collective or transfer. */
    public static final double COLLECTIVE_LATENCY_SECONDS = 20e-6;
    /** Device memory the job cannot use: CUDA context, NCCL buffers, workspace. */
    public static final double RESERVED_GIB = 1.0;
    /** Fraction of the rest lost to allocator fragmentation. */
    public static final double FRAGMENTATION = 0.05;
    /** Share of dynamic power drawn while a GPU only communicates. */
    public static final double COMMUNICATION_ACTIVITY = 0.3;
    /** Optimizer step traffic per local parameter: read and write fp32 master, Adam moments and the gradient. */
    public static final double OPTIMIZER_BYTES_PER_PARAM = 36;
    /**
     * ZeRO-3 parameter gathers and gradient reduce-scatters overlap with compute, but not perfectly: a micro-batch
     * takes the k-norm (comm^k + compute^k)^(1/k), so the loss is largest when the two are balanced (NCCL kernels and
     * GEMMs compete for SMs and memory bandwidth) and vanishes when one dominates. k set on the ZeRO-3 rows of
     * Narayanan et al. 2021, Table 2.
     */
    public static final double ZERO_OVERLAP_EXPONENT = 2.5;
    /** The power-cap equations are calibrated on limits from this share of TDP up to TDP. */
    public static final double MIN_POWER_CAP_SHARE = 0.40;

    private static final double GIB = 1024.0 * 1024 * 1024;

    private AnalyticModel() {
    }

    /** Usable memory of a device for the job. */
    public static double usableMemoryGiB(DeviceSpec device) {
        return (device.memoryGiB() - RESERVED_GIB) * (1 - FRAGMENTATION);
    }

    /** Layout rules that do not depend on memory: divisibility, TP within a node, schedule and ZeRO limits. */
    public static List<Violation> layoutViolations(ModelSpec model, DeviceSpec device, TrainingSpec training, ParallelConfig c) {
        List<Violation> list = new ArrayList<>();
        int tp = c.tp();
        if (model.heads() % tp != 0) {
            list.add(new Violation("divisibility", "heads %d is not divisible by tp %d".formatted(model.heads(), tp)));
        }
        if (model.kvHeads() % tp != 0 && tp % model.kvHeads() != 0) {
            list.add(new Violation("divisibility", "kvHeads %d and tp %d do not divide one another".formatted(model.kvHeads(), tp)));
        }
        if (model.ffn() % tp != 0) {
            list.add(new Violation("divisibility", "ffn %d is not divisible by tp %d".formatted(model.ffn(), tp)));
        }
        if (tp > device.gpusPerNode() || device.gpusPerNode() % tp != 0) {
            list.add(new Violation("tp-within-node", "tp %d must divide the %d GPUs of a %s node (tensor parallelism stays on the intra-node link)"
                    .formatted(tp, device.gpusPerNode(), device.id())));
        }
        int chunks = c.pp() * c.interleave();
        if (model.layers() < chunks) {
            list.add(new Violation("divisibility", "layers %d are fewer than pp x interleave = %d".formatted(model.layers(), chunks)));
        } else if (!training.unevenPipelineStages() && model.layers() % chunks != 0) {
            list.add(new Violation("divisibility", "layers %d are not divisible by pp x interleave = %d (remainder %d)"
                    .formatted(model.layers(), chunks, model.layers() % chunks)));
        }
        long perStep = (long) c.dp() * c.microBatch();
        if (training.globalBatchSequences() % perStep != 0) {
            list.add(new Violation("divisibility", "global batch %d sequences is not divisible by dp x micro-batch = %d (remainder %d)"
                    .formatted(training.globalBatchSequences(), perStep, training.globalBatchSequences() % perStep)));
        } else if (c.interleave() > 1) {
            long microBatches = training.globalBatchSequences() / perStep;
            if (c.pp() == 1) {
                list.add(new Violation("schedule", "interleave %d needs pipeline parallelism (pp > 1)".formatted(c.interleave())));
            } else if (microBatches % c.pp() != 0) {
                list.add(new Violation("schedule", "the interleaved schedule needs micro-batches (%d) divisible by pp %d"
                        .formatted(microBatches, c.pp())));
            }
        }
        if (c.zeroStage() >= 2 && c.pp() > 1) {
            list.add(new Violation("zero", "ZeRO stage %d shards gradients per micro-batch and is not combined with pipeline parallelism (pp %d); use stage 0 or 1"
                    .formatted(c.zeroStage(), c.pp())));
        }
        if (c.ep() > 1) {
            if (!model.isMoe()) {
                list.add(new Violation("expert-parallel", "ep %d needs a mixture-of-experts model".formatted(c.ep())));
            } else if (model.experts() % c.ep() != 0 || c.dp() % c.ep() != 0) {
                list.add(new Violation("divisibility", "ep %d must divide experts %d and dp %d".formatted(c.ep(), model.experts(), c.dp())));
            }
        }
        return list;
    }

    /** Layers of the slowest virtual stage (model chunk). */
    static int chunkLayers(ModelSpec model, ParallelConfig c) {
        int chunks = c.pp() * c.interleave();
        return (model.layers() + chunks - 1) / chunks;
    }

    /** Layers on the slowest pipeline stage. */
    static int stageLayers(ModelSpec model, ParallelConfig c) {
        return chunkLayers(model, c) * c.interleave();
    }

    /** Share of the layers whose activations are recomputed in the backward pass (1 for full, 0 otherwise). */
    static double recomputedShare(ModelSpec model, ParallelConfig c) {
        if (c.recompute() != Recompute.FULL) {
            return 0;
        }
        int chunk = chunkLayers(model, c);
        return (double) Math.min(c.recomputeLayers(), chunk) / chunk;
    }

    /**
     * The fewest layers per virtual stage to recompute so that the configuration fits in memory, or
     * {@link ParallelConfig#ALL_LAYERS} when even full recomputation of every layer does not fit.
     */
    static int fewestRecomputedLayers(ModelSpec model, DeviceSpec device, TrainingSpec training, ParallelConfig c) {
        int low = 1;
        int high = chunkLayers(model, c);
        ParallelConfig full = c.withRecomputeLayers(ParallelConfig.ALL_LAYERS);
        if (!memory(new Job(model, device, training, full)).fits()) {
            return ParallelConfig.ALL_LAYERS;
        }
        while (low < high) { // memory falls with every recomputed layer
            int mid = (low + high) / 2;
            if (memory(new Job(model, device, training, c.withRecomputeLayers(mid))).fits()) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low == chunkLayers(model, c) ? ParallelConfig.ALL_LAYERS : low;
    }

    /** Parameters held by one GPU of the most loaded stage (before ZeRO sharding). */
    public static double paramsPerGpu(ModelSpec model, ParallelConfig c) {
        int tp = c.tp();
        double dense = (model.attentionParamsPerLayer() + 13.0 * model.hidden()) / tp;
        double experts = (double) model.experts() / c.ep() * model.ffnParamsPerExpert() / tp
                + (model.isMoe() ? (double) model.hidden() * model.experts() : 0);
        double embedding = model.embeddingParams() / tp * (c.pp() == 1 && !model.tiedEmbeddings() ? 2 : 1);
        return stageLayers(model, c) * (dense + experts) + embedding;
    }

    /**
     * Activation bytes one layer stores for one micro-batch when nothing is recomputed, generalising Korthikanti et
     * al. 2022 (sbh(34 + 5as/h) for a GPT layer with dropout) to gated FFNs, grouped-query attention, MoE routing and
     * runs without dropout. Returns {replicated coefficient, sharded coefficient, score coefficient} in units of s*b*h
     * bytes (2-byte activations, 1-byte dropout masks), counted tensor by tensor (benchmarks/analytic-model.md):
     * <ul>
     * <li>replicated over TP (sharded by sequence parallelism): the two norm inputs (2 + 2), the QKV and FC1 inputs
     * (2 + 2), and with dropout the masks after the attention projection and after FC2 (1 + 1): 8, or 10 with dropout;
     * <li>sharded over TP: Q (2), K and V (2 k/a each), the projection input (2), the FFN's stored tensors (2 F/h for
     * each of GeLU input and output, 2 F/h for each of gate, up and product when gated, times the routed experts);
     * <li>the s x s scores (none with flash attention): the softmax output (2as/h), which the backward of the softmax
     * and of the value GEMM both read without dropout; with dropout also its mask (as/h) and output (2as/h): 5as/h.
     * </ul>
     */
    static double[] activationCoefficients(ModelSpec model, TrainingSpec training) {
        double h = model.hidden();
        double ffnRatio = model.ffn() / h * model.expertsPerToken();
        double mlp = model.gatedFfn() ? 6.0 * ffnRatio : 4.0 * ffnRatio;
        double masks = model.dropout() ? 2.0 : 0.0; // 1-byte masks of the two hidden dropouts
        double replicated = 8.0 + masks; // two norm inputs, QKV input, FC1 input (+ dropout masks)
        double sharded = 2.0 + 4.0 * model.kvHeads() / model.heads() + 2.0 + mlp; // Q, K, V, projection input, FFN
        double scoreBytes = model.dropout() ? 5.0 : 2.0; // softmax output (+ attention-dropout mask and output)
        double scores = training.flashAttention() ? 0.0 : scoreBytes * model.heads() * (double) training.sequenceLength() / h;
        return new double[] {replicated, sharded, scores};
    }

    /** Bytes one layer stores per micro-batch on one GPU without recomputation (the test's sbh(34+5as/h) at tp 1). */
    public static double activationBytesPerLayer(ModelSpec model, TrainingSpec training, ParallelConfig c, Recompute recompute) {
        double sbh = (double) training.sequenceLength() * c.microBatch() * model.hidden();
        double[] k = activationCoefficients(model, training);
        int tp = c.tp();
        boolean sp = c.sequenceParallel() && tp > 1;
        return switch (recompute) {
            case NONE -> sp ? sbh * (k[0] + k[1] + k[2]) / tp : sbh * (k[0] + (k[1] + k[2]) / tp);
            case SELECTIVE -> sp ? sbh * (k[0] + k[1]) / tp : sbh * (k[0] + k[1] / tp);
            case FULL -> sp ? 2.0 * sbh / tp : 2.0 * sbh;
        };
    }

    public static Estimate estimate(ModelSpec model, DeviceSpec device, TrainingSpec training, ParallelConfig c) {
        return estimate(model, device, training, c, Double.NaN);
    }

    /**
     * The configuration with every GPU limited to {@code powerCapWatts} ({@code NaN}: the default limit, TDP).
     *
     * @throws IllegalArgumentException when the cap is outside {@link #powerCapRange(DeviceSpec)}
     */
    public static Estimate estimate(ModelSpec model, DeviceSpec device, TrainingSpec training, ParallelConfig c, double powerCapWatts) {
        checkPowerCap(device, powerCapWatts);
        return evaluate(new Job(model, device, training, c), powerCapWatts, layoutViolations(model, device, training, c), true);
    }

    /** For the search, which only builds valid layouts: skips the layout checks and the memory message. */
    static Estimate evaluateValidLayout(ModelSpec model, DeviceSpec device, TrainingSpec training, ParallelConfig c, double powerCapWatts) {
        return evaluate(new Job(model, device, training, c), powerCapWatts, List.of(), false);
    }

    /** The per-GPU power limits the model accepts: {lowest, highest} in watts. */
    public static double[] powerCapRange(DeviceSpec device) {
        return new double[] {MIN_POWER_CAP_SHARE * device.tdpWatts(), device.tdpWatts()};
    }

    static void checkPowerCap(DeviceSpec device, double powerCapWatts) {
        if (Double.isNaN(powerCapWatts)) {
            return;
        }
        double[] range = powerCapRange(device);
        if (!(powerCapWatts >= range[0] && powerCapWatts <= range[1])) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "power cap %s W is outside %.0f-%.0f W (%.0f-100 %% of the %s's %.0f W TDP, the range the power-cap model is calibrated on)",
                    JsonFields.format(powerCapWatts), range[0], range[1], 100 * MIN_POWER_CAP_SHARE, device.id(), device.tdpWatts()));
        }
    }

    /**
     * Dynamic power at relative clock x (1 = maximum) as a share of its value at the maximum clock: f V^2 with the
     * voltage falling in proportion to the clock down to a floor.
     */
    static double dynamicPowerShape(DeviceSpec device, double x) {
        double v = Math.max(device.voltageFloorClockShare(), x);
        return x * v * v;
    }

    /** The relative clock at which a compute-bound phase draws {@code watts}, at most 1 (no boost above the maximum). */
    static double clockAt(DeviceSpec device, double watts) {
        double target = (watts - device.idleWatts()) / (device.unthrottledPowerRatio() * (device.tdpWatts() - device.idleWatts()));
        if (target >= 1.0) {
            return 1.0;
        }
        double low = 0;
        double high = 1;
        for (int i = 0; i < 60; i++) { // the shape is increasing: bisection
            double mid = (low + high) / 2;
            if (dynamicPowerShape(device, mid) < target) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return (low + high) / 2;
    }

    /**
     * Clock of compute-bound phases under a power cap relative to the clock they reach at the default limit (TDP),
     * where the model's throughput is calibrated: 1 without a cap, below 1 when the cap binds.
     */
    public static double computeClock(DeviceSpec device, double powerCapWatts) {
        if (Double.isNaN(powerCapWatts) || powerCapWatts >= device.tdpWatts()) {
            return 1.0;
        }
        return clockAt(device, powerCapWatts) / clockAt(device, device.tdpWatts());
    }

    /** One configuration and the quantities every step derives from it. */
    private record Job(ModelSpec model, DeviceSpec device, TrainingSpec training, ParallelConfig c, int microBatches,
                       int layers, double params) {

        Job(ModelSpec model, DeviceSpec device, TrainingSpec training, ParallelConfig c) {
            this(model, device, training, c, training.globalBatchSequences() / (c.dp() * c.microBatch()), stageLayers(model, c),
                    paramsPerGpu(model, c));
        }

        double tokensPerMicroBatch() {
            return (double) training.sequenceLength() * c.microBatch();
        }

        double sbh() {
            return tokensPerMicroBatch() * model.hidden();
        }

        boolean sequenceParallel() {
            return c.sequenceParallel() && c.tp() > 1;
        }

        double hbmBytesPerSecond() {
            return device.hbmGBps() * 1e9 * HBM_EFFICIENCY;
        }

        double linkBytesPerSecond() {
            return device.nvlinkGBps() / 2.0 * 1e9 * LINK_EFFICIENCY;
        }

        double networkBytesPerSecond() {
            return device.interNodeGBpsPerGpu() * 1e9 * LINK_EFFICIENCY;
        }
    }

    private static Estimate evaluate(Job job, double powerCapWatts, List<Violation> layout, boolean explain) {
        ParallelConfig c = job.c();
        int gpus = c.gpus();
        double embodied = gpus * job.device().embodiedGramsPerGpuHour();
        double usable = usableMemoryGiB(job.device());
        if (!layout.isEmpty()) {
            return new Estimate(c, powerCapWatts, false, layout, gpus, Memory.unknown(usable), StepTime.unknown(0), Throughput.UNKNOWN,
                    Power.UNKNOWN, embodied);
        }
        Memory memory = memory(job);
        List<Violation> violations = new ArrayList<>();
        if (!memory.fits()) {
            if (!explain) {
                // The search discards configurations that do not fit; their timing is not needed.
                return new Estimate(c, powerCapWatts, false, List.of(new Violation("memory", "over memory")), gpus, memory,
                        StepTime.unknown(job.microBatches()), Throughput.UNKNOWN, Power.UNKNOWN, embodied);
            }
            violations.add(new Violation("memory", String.format(Locale.ROOT, "needs %.1f GiB per GPU but %s has %.1f usable GiB (%.1f GiB over)",
                    memory.totalGiB(), job.device().id(), usable, memory.totalGiB() - usable)));
        }
        double clock = computeClock(job.device(), powerCapWatts);
        MicroBatchTime micro = microBatch(job, clock);
        StepTime step = step(job, micro);
        Throughput throughput = throughput(job, step);
        Power power = power(job, step, powerCapWatts, clock);
        return new Estimate(c, powerCapWatts, violations.isEmpty(), violations, gpus, memory, step, throughput, power, embodied);
    }

    /**
     * Weights, gradients, optimizer states and activations of the most loaded GPU: the first pipeline stage (the most
     * micro-batches in flight) or the last (the logits). Gradients take the bytes they are accumulated in: 2 for
     * fp16, 4 for bf16/fp8, whose gradients are accumulated in fp32 (Megatron-LM's distributed optimizer: 18 bytes per
     * parameter for bf16 parameters, 6 + 12/d sharded; Llama 3 accumulates and reduce-scatters gradients in FP32;
     * DeepSpeed's bf16 optimizer, used for BLOOM, keeps an unsharded fp32 gradient buffer).
     */
    private static Memory memory(Job job) {
        ParallelConfig c = job.c();
        int dp = c.dp();
        int pp = c.pp();
        int zero = c.zeroStage();
        double params = job.params();
        double weightsBytes = 2.0 * params / (zero >= 3 ? dp : 1);
        double gradientBytes = gradientReduceBytesPerParam(job.training().precision()) * params / (zero >= 2 ? dp : 1);
        double optimizerBytes = 12.0 * params / (zero >= 1 ? dp : 1);
        double none = activationBytesPerLayer(job.model(), job.training(), c, Recompute.NONE);
        double share = recomputedShare(job.model(), c);
        double stored = c.recompute() == Recompute.FULL
                ? share * activationBytesPerLayer(job.model(), job.training(), c, Recompute.FULL) + (1 - share) * none
                : activationBytesPerLayer(job.model(), job.training(), c, c.recompute());
        double working = c.recompute() == Recompute.NONE ? 0 : none;
        double perMicroBatch = job.layers() * stored;
        double firstStage = perMicroBatch * inFlightMicroBatches(job.microBatches(), pp, c.interleave(), 0) + working;
        double logitsBytes = 4.0 * job.tokensPerMicroBatch() * job.model().vocab() / c.tp();
        double lastStage = perMicroBatch * inFlightMicroBatches(job.microBatches(), pp, c.interleave(), pp - 1) + working + logitsBytes;
        double activationBytes = Math.max(firstStage, pp == 1 ? firstStage + logitsBytes : lastStage);
        if (zero >= 3) {
            activationBytes += 2.0 * params / job.layers(); // the gathered weights of the layer being computed
        }
        return new Memory(weightsBytes / GIB, gradientBytes / GIB, optimizerBytes / GIB, activationBytes / GIB, usableMemoryGiB(job.device()));
    }

    /**
     * Micro-batches whose activations pipeline rank {@code rank} holds at once, in whole-stage units: the forward
     * passes it runs before its first backward, plus one (Megatron-LM's schedules). Plain 1F1B: {@code p - rank};
     * interleaved, {@code 2(p - rank - 1) + (v - 1)p + 1} virtual-stage micro-batches, i.e. {@code p + (p - 2 rank -
     * 1)/v} stages' worth; never more than the {@code m} micro-batches of the step (with {@code m = p} the interleaved
     * schedule runs every forward first and holds all of them).
     */
    static double inFlightMicroBatches(int microBatches, int pp, int v, int rank) {
        if (pp == 1) {
            return 1;
        }
        double warm = v == 1 ? pp - rank : pp + (pp - 2.0 * rank - 1) / v;
        return Math.min(microBatches, warm);
    }

    /** One micro-batch on the slowest stage: its layers plus the output layer; GEMMs run at the given relative clock. */
    private static MicroBatchTime microBatch(Job job, double clock) {
        ModelSpec model = job.model();
        TrainingSpec training = job.training();
        ParallelConfig c = job.c();
        int tp = c.tp();
        double h = model.hidden();
        double tokens = job.tokensPerMicroBatch();
        double sbh = job.sbh();
        double peak = job.device().peakFlops(training.precision());
        double smallest = Math.min(tokens, Math.min(h / tp, (double) model.ffn() / tp));
        double gemmRate = clock * peak * GEMM_EFFICIENCY * smallest / (smallest + GEMM_HALF_DIMENSION);
        double attentionRate = clock * peak * GEMM_EFFICIENCY * model.headDim() / (model.headDim() + ATTENTION_HALF_HEAD_DIMENSION);
        double hbm = job.hbmBytesPerSecond();

        // per layer: forward GEMMs, attention score GEMMs and memory-bound kernels; backward = 2 x forward
        double gemmForward = 2.0 * tokens * model.activeMatmulParamsPerLayer() / tp / gemmRate;
        double attentionForward = 4.0 * c.microBatch() * (double) training.sequenceLength() * training.sequenceLength() * h / tp / attentionRate;
        double[] k = activationCoefficients(model, training);
        double elementwiseBytes = job.sequenceParallel() ? sbh * (k[0] + k[1] + k[2]) / tp : sbh * (k[0] + (k[1] + k[2]) / tp);
        double elementwiseForward = ELEMENTWISE_PASSES * elementwiseBytes / hbm;
        double[] recomputed = switch (c.recompute()) { // {gemm, memory-bound}
            case NONE -> new double[] {0, 0};
            case SELECTIVE -> new double[] {attentionForward, ELEMENTWISE_PASSES * sbh * k[2] / tp / hbm};
            case FULL -> new double[] {recomputedShare(model, c) * (gemmForward + attentionForward),
                    recomputedShare(model, c) * elementwiseForward};
        };
        double layerGemm = 3.0 * (gemmForward + attentionForward) + recomputed[0];
        double layerMemoryBound = 3.0 * elementwiseForward + recomputed[1];
        double layerBackward = 2.0 * (gemmForward + attentionForward + elementwiseForward);

        double logitsGemm = 3.0 * 2.0 * tokens * model.vocab() * h / tp / gemmRate;
        double logitsMemoryBound = 2.0 * ELEMENTWISE_PASSES * 4.0 * tokens * model.vocab() / tp / hbm;

        int layers = job.layers();
        return new MicroBatchTime(layers * layerGemm + logitsGemm, layers * layerMemoryBound + logitsMemoryBound, layers * layerBackward,
                layers * tensorParallelSeconds(job), layers * expertSeconds(job), pipelineTransferSeconds(job));
    }

    /** TP: 4 collectives per layer (6 with full recompute) of 2sbh bytes over the intra-node link. */
    private static double tensorParallelSeconds(Job job) {
        int tp = job.c().tp();
        if (tp == 1) {
            return 0;
        }
        double collectives = 4 + 2 * recomputedShare(job.model(), job.c());
        double bytes = 2.0 * job.sbh();
        return collectives * (2.0 * (tp - 1) / tp * bytes / job.linkBytesPerSecond() + COLLECTIVE_LATENCY_SECONDS);
    }

    /** MoE: 4 all-to-alls per layer (6 with full recompute) of the routed tokens. */
    private static double expertSeconds(Job job) {
        ParallelConfig c = job.c();
        if (!job.model().isMoe() || c.ep() == 1) {
            return 0;
        }
        double exchanges = 4 + 2 * recomputedShare(job.model(), c);
        double bytes = 2.0 * job.tokensPerMicroBatch() * job.model().expertsPerToken() * job.model().hidden() / c.tp() * (c.ep() - 1.0) / c.ep();
        double rate = (long) c.ep() * c.tp() <= job.device().gpusPerNode() ? job.linkBytesPerSecond() : job.networkBytesPerSecond();
        return exchanges * (bytes / rate + COLLECTIVE_LATENCY_SECONDS);
    }

    /** Stages exchange 2sbh/t bytes per micro-batch and virtual stage, forward and backward. */
    private static double pipelineTransferSeconds(Job job) {
        ParallelConfig c = job.c();
        if (c.pp() == 1) {
            return 0;
        }
        double bytes = 2.0 * job.sbh() / c.tp();
        boolean stagesShareNode = (long) c.tp() * c.dp() * c.pp() <= job.device().gpusPerNode();
        double rate = stagesShareNode ? job.linkBytesPerSecond() : job.networkBytesPerSecond();
        return 2.0 * c.interleave() * (bytes / rate + COLLECTIVE_LATENCY_SECONDS);
    }

    /** The step: micro-batches, pipeline bubble, exposed data-parallel communication and the optimizer. */
    private static StepTime step(Job job, MicroBatchTime micro) {
        ParallelConfig c = job.c();
        int m = job.microBatches();
        double bubble = (c.pp() - 1.0) / c.interleave() * micro.totalSeconds();
        double[] dataParallel = dataParallelSeconds(job, micro);
        double optimizerParams = c.zeroStage() >= 1 ? job.params() / c.dp() : job.params();
        double optimizer = optimizerParams * OPTIMIZER_BYTES_PER_PARAM / job.hbmBytesPerSecond();
        return new StepTime(m, m * micro.computeSeconds(), bubble, m * micro.tpCommSeconds(), m * micro.p2pSeconds(), dataParallel[0],
                dataParallel[1], m * micro.expertCommSeconds(), optimizer);
    }

    /**
     * Exposed data-parallel communication: {gradient reduction, ZeRO-3}. The gradient all-reduce (gradient
     * reduce-scatter plus weight all-gather with ZeRO-1/2) runs once per step, hidden behind the last micro-batch's backward when the framework
     * overlaps it. ZeRO-3 gathers the weights for the forward, again for a recomputation and the backward, and
     * reduce-scatters the gradients, every micro-batch, overlapped with its compute.
     */
    private static double[] dataParallelSeconds(Job job, MicroBatchTime micro) {
        ParallelConfig c = job.c();
        int dp = c.dp();
        if (dp == 1) {
            return new double[] {0, 0};
        }
        boolean dpInNode = (long) c.tp() * dp <= job.device().gpusPerNode();
        double rate = dpInNode ? job.linkBytesPerSecond() : job.networkBytesPerSecond();
        double share = (dp - 1.0) / dp;
        if (c.zeroStage() >= 3) {
            double transfers = 3 + recomputedShare(job.model(), c);
            double perMicro = transfers * share * 2.0 * job.params() / rate + COLLECTIVE_LATENCY_SECONDS;
            double compute = micro.computeSeconds();
            double overlapped = Math.pow(Math.pow(perMicro, ZERO_OVERLAP_EXPONENT) + Math.pow(compute, ZERO_OVERLAP_EXPONENT),
                    1 / ZERO_OVERLAP_EXPONENT);
            double exposed = overlapped - compute;
            return new double[] {0, job.microBatches() * exposed};
        }
        // all-reduce; with ZeRO-1/2 a reduce-scatter of the gradients and an all-gather of the updated 2-byte weights
        double gradientBytes = gradientReduceBytesPerParam(job.training().precision());
        double bytesPerParam = c.zeroStage() == 0 ? 2 * gradientBytes : gradientBytes + 2;
        double reduce = share * bytesPerParam * job.params() / rate + COLLECTIVE_LATENCY_SECONDS;
        double window = job.training().overlapGradientReduce() ? micro.backwardSeconds() : 0;
        return new double[] {Math.max(0, reduce - window), 0};
    }

    /**
     * Bytes per parameter of the data-parallel gradient reduction: fp16 gradients are reduced as they are, bf16 (and
     * fp8) training accumulates and reduces them in fp32 (Megatron-LM's rule; Llama 3 reduce-scatters in FP32).
     */
    static double gradientReduceBytesPerParam(Precision precision) {
        return precision == Precision.FP16 ? 2 : 4;
    }

    /** Tokens per second, model FLOPs utilisation and hardware FLOP/s (recomputation counted). */
    private static Throughput throughput(Job job, StepTime step) {
        ModelSpec model = job.model();
        int s = job.training().sequenceLength();
        double tokensPerIteration = job.training().globalBatchTokens();
        double iteration = step.iterationSeconds();
        double modelFlops = model.modelFlopsPerToken(s) * tokensPerIteration;
        double recomputeFlops = switch (job.c().recompute()) {
            case NONE -> 0.0;
            case SELECTIVE -> 4.0 * model.layers() * (double) s * model.hidden() * tokensPerIteration;
            case FULL -> recomputedShare(model, job.c()) * (model.forwardFlopsPerToken(s) - 2.0 * model.embeddingParams()) * tokensPerIteration;
        };
        int gpus = job.c().gpus();
        double peak = job.device().peakFlops(job.training().precision());
        return new Throughput(tokensPerIteration / iteration, modelFlops / (iteration * gpus * peak),
                (modelFlops + recomputeFlops) / (iteration * gpus) / 1e12);
    }

    /**
     * Average GPU power over a step, phase by phase: compute and memory-bound phases draw the power limit (TDP, or the
     * cap, which they are throttled to), communication draws idle + 0.3 (TDP - idle) (at most the cap), bubbles idle
     * power. Without a cap this is idle + (TDP - idle) x activity, activity = (compute + 0.3 communication) / step
     * (CarbonScaling eq. 3-4).
     */
    private static Power power(Job job, StepTime step, double powerCapWatts, double clock) {
        DeviceSpec device = job.device();
        double idle = device.idleWatts();
        double limit = Double.isNaN(powerCapWatts) ? device.tdpWatts() : Math.min(powerCapWatts, device.tdpWatts());
        double communicating = Math.min(limit, idle + COMMUNICATION_ACTIVITY * (device.tdpWatts() - idle));
        double busy = step.computeSeconds() + step.optimizerSeconds();
        double communication = step.communicationSeconds();
        double iteration = step.iterationSeconds();
        double waiting = Math.max(0, iteration - busy - communication);
        double wattsPerGpu = Math.min(limit, (busy * limit + communication * communicating + waiting * idle) / iteration);
        double activity = (wattsPerGpu - idle) / (device.tdpWatts() - idle);
        int gpus = job.c().gpus();
        int nodes = (gpus + device.gpusPerNode() - 1) / device.gpusPerNode();
        return new Power(clock, activity, wattsPerGpu, gpus * wattsPerGpu + nodes * device.hostWattsPerNode());
    }
}
