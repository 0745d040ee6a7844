package org.carbonaware.planner.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Enumerates every valid configuration (dp, tp, pp, micro-batch, interleave, ZeRO stage, recompute; sequence
 * parallelism whenever tp > 1; the largest expert-parallel degree for MoE; each power cap of the settings) up to
 * {@code maxGpus}, evaluates each with {@link AnalyticModel} and keeps the Pareto front: no other configuration has
 * at least the tokens/s, at most the watts and at most the GPUs.
 */
public final class ConfigurationSearch {

    /**
     * @param candidateCount configurations evaluated
     * @param feasibleCount those that fit in memory
     * @param front the Pareto front, by GPUs then tokens/s
     */
    public record Result(long candidateCount, long feasibleCount, List<Estimate> front) {
    }

    private ConfigurationSearch() {
    }

    public static Result search(ModelSpec model, DeviceSpec device, TrainingSpec training, SearchSettings settings) {
        long[] counts = new long[2];
        List<Estimate> candidates = new ArrayList<>();
        int batch = training.globalBatchSequences();
        for (int tp = 1; tp <= device.gpusPerNode(); tp++) {
            if (!tpValid(model, device, tp)) {
                continue;
            }
            for (int pp = 1; pp <= model.layers() && (long) tp * pp <= settings.maxGpus(); pp++) {
                if (!training.unevenPipelineStages() && model.layers() % pp != 0) {
                    continue;
                }
                for (int dp = 1; (long) dp * tp * pp <= settings.maxGpus(); dp++) {
                    if (batch % dp != 0 || !settings.allows(dp * tp * pp)) {
                        continue;
                    }
                    candidates.addAll(searchLayout(model, device, training, dp, tp, pp, settings, counts));
                }
            }
        }
        return new Result(counts[0], counts[1], paretoFront(candidates));
    }

    static boolean tpValid(ModelSpec model, DeviceSpec device, int tp) {
        return device.gpusPerNode() % tp == 0 && model.heads() % tp == 0 && model.ffn() % tp == 0
                && (model.kvHeads() % tp == 0 || tp % model.kvHeads() == 0);
    }

    /** All knob settings of one (dp, tp, pp); returns the layout's own Pareto set over (tokens/s, watts). */
    private static List<Estimate> searchLayout(ModelSpec model, DeviceSpec device, TrainingSpec training, int dp, int tp, int pp,
                                               SearchSettings settings, long[] counts) {
        List<Estimate> local = new ArrayList<>();
        int perReplica = training.globalBatchSequences() / dp;
        int ep = model.isMoe() ? gcd(model.experts(), dp) : 1;
        for (int mb = 1; mb <= Math.min(perReplica, settings.maxMicroBatch()); mb++) {
            if (perReplica % mb != 0) {
                continue;
            }
            int microBatches = perReplica / mb;
            for (int v = 1; v <= settings.maxInterleave(); v++) {
                boolean layersSplit = training.unevenPipelineStages() ? model.layers() >= pp * v : model.layers() % (pp * v) == 0;
                if (v > 1 && (pp == 1 || !layersSplit || microBatches % pp != 0)) {
                    continue;
                }
                for (int zero = 0; zero <= (pp == 1 ? 3 : 1); zero++) {
                    if (zero > 0 && dp == 1) {
                        continue;
                    }
                    for (Recompute recompute : Recompute.values()) {
                        if (recompute == Recompute.SELECTIVE && training.flashAttention()) {
                            continue; // flash attention already recomputes the attention core
                        }
                        ParallelConfig config = new ParallelConfig(dp, tp, pp, mb, v, zero, recompute, tp > 1, ep);
                        if (recompute == Recompute.FULL) {
                            // recomputing fewer layers is faster; recompute only as many as memory needs
                            config = config.withRecomputeLayers(AnalyticModel.fewestRecomputedLayers(model, device, training, config));
                        }
                        Estimate estimate = AnalyticModel.evaluateValidLayout(model, device, training, config, Double.NaN);
                        counts[0]++;
                        if (estimate.fits()) {
                            counts[1]++;
                            if (!settings.fastestPerLayout()) {
                                addIfNotDominated(local, estimate);
                                for (double cap : settings.powerCapsWatts()) {
                                    addIfNotDominated(local, AnalyticModel.evaluateValidLayout(model, device, training, config, cap));
                                }
                            } else if (local.isEmpty() || estimate.tokensPerSecond() > local.get(0).tokensPerSecond()) {
                                local.clear();
                                local.add(estimate);
                            }
                        }
                    }
                }
            }
        }
        if (settings.fastestPerLayout() && !local.isEmpty()) {
            // the fastest knobs at the default limit, at every cap (a cap leaves memory and the layout unchanged)
            ParallelConfig fastest = local.get(0).config();
            for (double cap : settings.powerCapsWatts()) {
                local.add(AnalyticModel.evaluateValidLayout(model, device, training, fastest, cap));
            }
        }
        return local;
    }

    private static void addIfNotDominated(List<Estimate> set, Estimate candidate) {
        for (Estimate other : set) {
            if (dominatesOrEquals(other, candidate)) {
                return;
            }
        }
        set.removeIf(other -> dominatesOrEquals(candidate, other));
        set.add(candidate);
    }

    /** a is at least as good as b in tokens/s, watts and GPUs. */
    static boolean dominatesOrEquals(Estimate a, Estimate b) {
        return a.tokensPerSecond() >= b.tokensPerSecond() && a.watts() <= b.watts() && a.gpus() <= b.gpus();
    }

    /** The Pareto front of the given estimates (ties keep the first seen). */
    public static List<Estimate> paretoFront(List<Estimate> estimates) {
        List<Estimate> sorted = new ArrayList<>(estimates);
        // Fastest first: a later estimate can only be dominated by an earlier one or an equal.
        sorted.sort(Comparator.comparingDouble(Estimate::tokensPerSecond).reversed()
                .thenComparingDouble(Estimate::watts).thenComparingInt(Estimate::gpus));
        List<Estimate> front = new ArrayList<>();
        for (Estimate candidate : sorted) {
            boolean dominated = false;
            for (Estimate kept : front) {
                if (dominatesOrEquals(kept, candidate)) {
                    dominated = true;
                    break;
                }
            }
            if (!dominated) {
                front.add(candidate);
            }
        }
        front.sort(Comparator.comparingInt(Estimate::gpus).thenComparingDouble(Estimate::tokensPerSecond));
        return front;
    }

    /**
     * The fastest fitting configuration that keeps dp, tp, pp, ZeRO stage, recompute, sequence parallelism and ep of
     * {@code base} and tries every micro-batch (when {@code chooseMicroBatch}) and interleave (when
     * {@code chooseInterleave}); the other of the two stays as in {@code base}.
     */
    public static Optional<Estimate> fastest(ModelSpec model, DeviceSpec device, TrainingSpec training, ParallelConfig base,
                                             boolean chooseMicroBatch, boolean chooseInterleave) {
        return fastest(model, device, training, base, chooseMicroBatch, chooseInterleave, false, Double.NaN);
    }

    /**
     * As above, at a per-GPU power cap ({@code NaN}: none); with {@code chooseRecomputeLayers} full recomputation
     * covers only as many layers as memory needs.
     */
    public static Optional<Estimate> fastest(ModelSpec model, DeviceSpec device, TrainingSpec training, ParallelConfig base,
                                             boolean chooseMicroBatch, boolean chooseInterleave, boolean chooseRecomputeLayers,
                                             double powerCapWatts) {
        Estimate best = null;
        int perReplica = training.globalBatchSequences() / base.dp();
        List<Integer> microBatches = new ArrayList<>();
        if (chooseMicroBatch) {
            for (int mb = 1; mb <= Math.max(1, perReplica); mb++) {
                if (perReplica % mb == 0) {
                    microBatches.add(mb);
                }
            }
        } else {
            microBatches.add(base.microBatch());
        }
        for (int mb : microBatches) {
            for (int v = chooseInterleave ? 1 : base.interleave(); v <= (chooseInterleave ? 8 : base.interleave()); v++) {
                ParallelConfig config = base.withMicroBatch(mb).withInterleave(v);
                if (chooseRecomputeLayers && config.recompute() == Recompute.FULL) {
                    config = config.withRecomputeLayers(AnalyticModel.fewestRecomputedLayers(model, device, training, config));
                }
                Estimate estimate = AnalyticModel.estimate(model, device, training, config, powerCapWatts);
                if (estimate.fits() && (best == null || estimate.tokensPerSecond() > best.tokensPerSecond())) {
                    best = estimate;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
