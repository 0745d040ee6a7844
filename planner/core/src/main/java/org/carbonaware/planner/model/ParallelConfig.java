package org.carbonaware.planner.model;

/**
 * One parallel layout and its knobs.
 *
 * @param microBatch sequences per micro-batch
 * @param interleave virtual pipeline stages per GPU (v of the interleaved 1F1B schedule); 1 = plain 1F1B
 * @param zeroStage 0 = none, 1 = optimizer states sharded over DP, 2 = + gradients, 3 = + weights
 * @param recomputeLayers with full recomputation, the layers of each virtual stage that are recomputed (the others
 *        keep all their activations; Megatron-LM's block method); {@link #ALL_LAYERS} recomputes every layer
 * @param sequenceParallel shard the non-tensor-parallel activations over TP (Korthikanti et al. 2022)
 * @param ep expert-parallel degree (MoE only; divides dp and the expert count); 1 for dense models
 */
public record ParallelConfig(int dp, int tp, int pp, int microBatch, int interleave, int zeroStage, Recompute recompute,
                             int recomputeLayers, boolean sequenceParallel, int ep) {

    public static final int ALL_LAYERS = Integer.MAX_VALUE;

    public ParallelConfig {
        if (dp < 1 || tp < 1 || pp < 1 || microBatch < 1 || interleave < 1 || ep < 1) {
            throw new IllegalArgumentException("dp, tp, pp, micro-batch, interleave and ep must be >= 1");
        }
        if (zeroStage < 0 || zeroStage > 3) {
            throw new IllegalArgumentException("ZeRO stage must be 0..3, got " + zeroStage);
        }
        if (recomputeLayers < 1) {
            throw new IllegalArgumentException("recomputed layers must be >= 1, got " + recomputeLayers);
        }
        if (recompute != Recompute.FULL) {
            recomputeLayers = ALL_LAYERS;
        }
    }

    public ParallelConfig(int dp, int tp, int pp, int microBatch, int interleave, int zeroStage, Recompute recompute,
                          boolean sequenceParallel, int ep) {
        this(dp, tp, pp, microBatch, interleave, zeroStage, recompute, ALL_LAYERS, sequenceParallel, ep);
    }

    public ParallelConfig(int dp, int tp, int pp, int microBatch) {
        this(dp, tp, pp, microBatch, 1, 0, Recompute.NONE, false, 1);
    }

    public int gpus() {
        return dp * tp * pp;
    }

    /** True when only some layers of each virtual stage are recomputed. */
    public boolean partialRecompute() {
        return recompute == Recompute.FULL && recomputeLayers != ALL_LAYERS;
    }

    /** Stable identifier used as the option id; partial recomputation shows as full{layers}. */
    public String id() {
        String recomputeLabel = partialRecompute() ? recompute.label() + recomputeLayers : recompute.label();
        return "dp%d-tp%d-pp%d-mb%d-v%d-z%d-%s%s%s".formatted(dp, tp, pp, microBatch, interleave, zeroStage,
                recomputeLabel, sequenceParallel ? "-sp" : "", ep > 1 ? "-ep" + ep : "");
    }

    public ParallelConfig withMicroBatch(int value) {
        return new ParallelConfig(dp, tp, pp, value, interleave, zeroStage, recompute, recomputeLayers, sequenceParallel, ep);
    }

    public ParallelConfig withInterleave(int value) {
        return new ParallelConfig(dp, tp, pp, microBatch, value, zeroStage, recompute, recomputeLayers, sequenceParallel, ep);
    }

    public ParallelConfig withRecomputeLayers(int value) {
        return new ParallelConfig(dp, tp, pp, microBatch, interleave, zeroStage, recompute, value, sequenceParallel, ep);
    }
}
