package org.carbonaware.planner.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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

    /** Layers on the slowest pipeline stage. */
    static int stageLayers(ModelSpec model, ParallelConfig c) {
        int chunks = c.pp() * c.interleave();
        return (model.layers() + chunks - 1) / chunks * c.interleave();
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
     * al. 2022 (sbh(34 + 5as/h) for a GPT layer) to gated FFNs, grouped-query attention and MoE routing.
     * Returns {replicated coefficient, sharded coefficient, score coefficient} in units of s*b*h bytes.
     */
    static double[] activationCoefficients(ModelSpec model, TrainingSpec training) {
        double h = model.hidden();
        double ffnRatio = model.ffn() / h * model.expertsPerToken();
        double mlp = model.gatedFfn() ? 6.0 * ffnRatio : 4.0 * ffnRatio;
        double replicated = 10.0; // two norm inputs, QKV input, FC1 input, two dropout masks
        double sharded = 2.0 + 4.0 * model.kvHeads() / model.heads() + 2.0 + mlp; // Q, K, V, projection input, FFN
        double scores = training.flashAttention() ? 0.0 : 5.0 * model.heads() * (double) training.sequenceLength() / h;
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
        return evaluate(model, device, training, c, layoutViolations(model, device, training, c), true);
    }

    /** For the search, which only builds valid layouts: skips the layout checks and the memory message. */
    static Estimate evaluateValidLayout(ModelSpec model, DeviceSpec device, TrainingSpec training, ParallelConfig c) {
        return evaluate(model, device, training, c, List.of(), false);
    }

    private static Estimate evaluate(ModelSpec model, DeviceSpec device, TrainingSpec training, ParallelConfig c,
                                     List<Violation> violations, boolean explain) {
        int gpus = c.gpus();
        if (!violations.isEmpty()) {
            double nan = Double.NaN;
            return new Estimate(c, false, violations, gpus, 0, nan, nan, nan, nan, nan, usableMemoryGiB(device), nan, nan,
                    nan, nan, nan, nan, nan, nan, nan, nan, nan, nan, nan, nan, nan, gpus * device.embodiedGramsPerGpuHour());
        }
        violations = new ArrayList<>();
        int tp = c.tp();
        int pp = c.pp();
        int dp = c.dp();
        int v = c.interleave();
        int b = c.microBatch();
        int s = training.sequenceLength();
        double h = model.hidden();
        int microBatches = training.globalBatchSequences() / (dp * b);
        int layers = stageLayers(model, c);

        // ---- memory of the most loaded GPU ----
        double params = paramsPerGpu(model, c);
        int zero = c.zeroStage();
        double weightsBytes = 2.0 * params / (zero >= 3 ? dp : 1);
        double gradientBytes = 2.0 * params / (zero >= 2 ? dp : 1);
        double optimizerBytes = 12.0 * params / (zero >= 1 ? dp : 1);
        double stored = activationBytesPerLayer(model, training, c, c.recompute());
        double working = c.recompute() == Recompute.NONE ? 0 : activationBytesPerLayer(model, training, c, Recompute.NONE);
        double inFlight = pp == 1 ? 1 : Math.min(microBatches, pp) * (v > 1 ? 1.0 + (pp - 1.0) / (pp * v) : 1.0);
        double firstStage = layers * stored * inFlight + working;
        double tokens = (double) s * b;
        double logitsBytes = 4.0 * tokens * model.vocab() / tp;
        double lastStage = layers * stored + working + logitsBytes;
        double activationBytes = Math.max(firstStage, pp == 1 ? firstStage + logitsBytes : lastStage);
        if (zero >= 3) {
            activationBytes += 2.0 * 2.0 * params / layers; // the gathered weights of about two layers in flight
        }
        double memoryGiB = (weightsBytes + gradientBytes + optimizerBytes + activationBytes) / GIB;
        double usable = usableMemoryGiB(device);
        if (memoryGiB > usable) {
            if (!explain) {
                // The search discards configurations that do not fit; their timing is not needed.
                double nan = Double.NaN;
                return new Estimate(c, false, List.of(new Violation("memory", "over memory")), gpus, microBatches,
                        weightsBytes / GIB, gradientBytes / GIB, optimizerBytes / GIB, activationBytes / GIB, memoryGiB, usable,
                        nan, nan, nan, nan, nan, nan, nan, nan, nan, nan, nan, nan, nan, nan, nan, gpus * device.embodiedGramsPerGpuHour());
            }
            violations.add(new Violation("memory", String.format(Locale.ROOT,
                    "needs %.1f GiB per GPU but %s has %.1f usable GiB (%.1f GiB over)",
                    memoryGiB, device.id(), usable, memoryGiB - usable)));
        }

        // ---- time of one micro-batch on the slowest stage ----
        double peak = device.peakFlops(training.precision());
        double smallest = Math.min(tokens, Math.min(h / tp, (double) model.ffn() / tp));
        double gemmRate = peak * GEMM_EFFICIENCY * smallest / (smallest + GEMM_HALF_DIMENSION);
        double attentionRate = peak * GEMM_EFFICIENCY * model.headDim() / (model.headDim() + ATTENTION_HALF_HEAD_DIMENSION);
        double hbm = device.hbmGBps() * 1e9 * HBM_EFFICIENCY;
        double gemmForward = 2.0 * tokens * model.activeMatmulParamsPerLayer() / tp / gemmRate;
        double attentionForward = 4.0 * b * (double) s * s * h / tp / attentionRate;
        double[] k = activationCoefficients(model, training);
        boolean sp = c.sequenceParallel() && tp > 1;
        double sbh = tokens * h;
        double elementwiseBytes = sp ? sbh * (k[0] + k[1] + k[2]) / tp : sbh * (k[0] + (k[1] + k[2]) / tp);
        double elementwiseForward = ELEMENTWISE_PASSES * elementwiseBytes / hbm;
        double forward = gemmForward + attentionForward + elementwiseForward;
        double backward = 2.0 * forward;
        double recompute = switch (c.recompute()) {
            case NONE -> 0.0;
            case SELECTIVE -> attentionForward + ELEMENTWISE_PASSES * sbh * k[2] / tp / hbm;
            case FULL -> forward;
        };
        double layerCompute = forward + backward + recompute;

        double linkBytesPerSecond = device.nvlinkGBps() / 2.0 * 1e9 * LINK_EFFICIENCY;
        double networkBytesPerSecond = device.interNodeGBpsPerGpu() * 1e9 * LINK_EFFICIENCY;
        double layerTp = 0;
        if (tp > 1) {
            int collectives = 4 + (c.recompute() == Recompute.FULL ? 2 : 0);
            double bytes = 2.0 * sbh;
            layerTp = collectives * (2.0 * (tp - 1) / tp * bytes / linkBytesPerSecond + COLLECTIVE_LATENCY_SECONDS);
        }
        double layerExpert = 0;
        if (model.isMoe() && c.ep() > 1) {
            int exchanges = 4 + (c.recompute() == Recompute.FULL ? 2 : 0);
            double bytes = 2.0 * tokens * model.expertsPerToken() * h / tp * (c.ep() - 1.0) / c.ep();
            double rate = (long) c.ep() * tp <= device.gpusPerNode() ? linkBytesPerSecond : networkBytesPerSecond;
            layerExpert = exchanges * (bytes / rate + COLLECTIVE_LATENCY_SECONDS);
        }
        double logitsFlops = 2.0 * tokens * model.vocab() * h / tp;
        double logitsCompute = 3.0 * logitsFlops / gemmRate + 2.0 * ELEMENTWISE_PASSES * 4.0 * tokens * model.vocab() / tp / hbm;
        double stageCompute = layers * layerCompute + logitsCompute;
        double stageTp = layers * layerTp;
        double stageExpert = layers * layerExpert;
        double p2p = 0;
        if (pp > 1) {
            double bytes = 2.0 * sbh / tp;
            boolean stagesShareNode = (long) tp * dp * pp <= device.gpusPerNode();
            double rate = stagesShareNode ? linkBytesPerSecond : networkBytesPerSecond;
            p2p = 2.0 * v * (bytes / rate + COLLECTIVE_LATENCY_SECONDS);
        }
        double microTime = stageCompute + stageTp + stageExpert + p2p;
        double bubble = (pp - 1.0) / v * microTime;

        // ---- data parallelism, ZeRO and the optimizer step ----
        boolean dpInNode = (long) tp * dp <= device.gpusPerNode();
        double dpRate = dpInNode ? linkBytesPerSecond : networkBytesPerSecond;
        double dpExposed = 0;
        double zeroExposed = 0;
        if (dp > 1) {
            double gradientSync = 2.0 * (dp - 1.0) / dp * 2.0 * params / dpRate + COLLECTIVE_LATENCY_SECONDS;
            double overlapWindow = layers * backward;
            dpExposed = Math.max(0, gradientSync - overlapWindow);
            if (zero >= 3) {
                int gathers = 2 + (c.recompute() == Recompute.FULL ? 1 : 0);
                double perMicro = gathers * (dp - 1.0) / dp * 2.0 * params / dpRate;
                zeroExposed = microBatches * Math.max(0, perMicro - stageCompute);
            }
        }
        double optimizerParams = zero >= 1 ? params / dp : params;
        double optimizerSeconds = optimizerParams * OPTIMIZER_BYTES_PER_PARAM / hbm;

        double iteration = (microBatches + (pp - 1.0) / v) * microTime + dpExposed + zeroExposed + optimizerSeconds;
        double tokensPerIteration = training.globalBatchTokens();
        double tokensPerSecond = tokensPerIteration / iteration;
        double modelFlops = model.modelFlopsPerToken(s) * tokensPerIteration;
        double recomputeFlops = switch (c.recompute()) {
            case NONE -> 0.0;
            case SELECTIVE -> 4.0 * model.layers() * (double) s * h * tokensPerIteration;
            case FULL -> model.forwardFlopsPerToken(s) * tokensPerIteration - 2.0 * model.embeddingParams() * tokensPerIteration;
        };
        double mfu = modelFlops / (iteration * gpus * peak);
        double hardwareTflops = (modelFlops + recomputeFlops) / (iteration * gpus) / 1e12;

        // ---- power and embodied carbon ----
        double busy = microBatches * stageCompute + optimizerSeconds;
        double communication = microBatches * (stageTp + stageExpert + p2p) + dpExposed + zeroExposed;
        double activity = Math.min(1.0, (busy + COMMUNICATION_ACTIVITY * communication) / iteration);
        double wattsPerGpu = device.idleWatts() + (device.tdpWatts() - device.idleWatts()) * activity;
        int nodes = (gpus + device.gpusPerNode() - 1) / device.gpusPerNode();
        double watts = gpus * wattsPerGpu + nodes * device.hostWattsPerNode();
        double embodied = gpus * device.embodiedGramsPerGpuHour();

        return new Estimate(c, violations.isEmpty(), violations, gpus, microBatches, weightsBytes / GIB, gradientBytes / GIB,
                optimizerBytes / GIB, activationBytes / GIB, memoryGiB, usable, microBatches * stageCompute, bubble,
                microBatches * stageTp, microBatches * p2p, dpExposed, zeroExposed, microBatches * stageExpert,
                optimizerSeconds, iteration, tokensPerSecond, mfu, hardwareTflops, activity, wattsPerGpu, watts, embodied);
    }
}
