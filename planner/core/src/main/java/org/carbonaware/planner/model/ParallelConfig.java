package org.carbonaware.planner.model;

/**
 * One parallel layout and its knobs.
 *
 * @param microBatch sequences per micro-batch
 * @param interleave virtual pipeline stages per GPU (v of the interleaved 1F1B schedule); 1 = plain 1F1B
 * @param zeroStage 0 = none, 1 = optimizer states sharded over DP, 2 = + gradients, 3 = + weights
 * @param sequenceParallel shard the non-tensor-parallel activations over TP (Korthikanti et al. 2022)
 * @param ep expert-parallel degree (MoE only; divides dp and the expert count); 1 for dense models
 */
public record ParallelConfig(int dp, int tp, int pp, int microBatch, int interleave, int zeroStage, Recompute recompute,
                             boolean sequenceParallel, int ep) {

    public ParallelConfig {
        if (dp < 1 || tp < 1 || pp < 1 || microBatch < 1 || interleave < 1 || ep < 1) {
            throw new IllegalArgumentException("dp, tp, pp, micro-batch, interleave and ep must be >= 1");
        }
        if (zeroStage < 0 || zeroStage > 3) {
            throw new IllegalArgumentException("ZeRO stage must be 0..3, got " + zeroStage);
        }
    }

    public ParallelConfig(int dp, int tp, int pp, int microBatch) {
        this(dp, tp, pp, microBatch, 1, 0, Recompute.NONE, false, 1);
    }

    public int gpus() {
        return dp * tp * pp;
    }

    /** Stable identifier used as the option id. */
    public String id() {
        return "dp%d-tp%d-pp%d-mb%d-v%d-z%d-%s%s%s".formatted(dp, tp, pp, microBatch, interleave, zeroStage,
                recompute.label(), sequenceParallel ? "-sp" : "", ep > 1 ? "-ep" + ep : "");
    }

    public ParallelConfig withMicroBatch(int value) {
        return new ParallelConfig(dp, tp, pp, value, interleave, zeroStage, recompute, sequenceParallel, ep);
    }

    public ParallelConfig withInterleave(int value) {
        return new ParallelConfig(dp, tp, pp, microBatch, value, zeroStage, recompute, sequenceParallel, ep);
    }
}
