package org.carbonaware.planner.model;

/**
 * The job's training settings that do not depend on the parallel layout.
 *
 * @param globalBatchSequences sequences per optimizer step
 * @param flashAttention fused attention that keeps no s x s score matrix (Dao et al. 2022)
 * @param unevenPipelineStages allow layers not divisible by pp x interleave (DeepSpeed balances stages, Llama 3
 *        shortens the first and last); the slowest stage then has ceil(layers/(pp v)) layers per virtual stage
 * @param overlapGradientReduce the data-parallel gradient reduction runs during the last micro-batch's backward
 *        (PyTorch DDP/FSDP, Megatron-LM since 2023); false for frameworks that reduce after the pipeline flush
 */
public record TrainingSpec(int globalBatchSequences, int sequenceLength, Precision precision, boolean flashAttention,
                           boolean unevenPipelineStages, boolean overlapGradientReduce) {

    public TrainingSpec {
        if (globalBatchSequences < 1) {
            throw new IllegalArgumentException("globalBatchSequences must be >= 1, got " + globalBatchSequences);
        }
        if (sequenceLength < 1) {
            throw new IllegalArgumentException("sequenceLength must be >= 1, got " + sequenceLength);
        }
    }

    public TrainingSpec(int globalBatchSequences, int sequenceLength, Precision precision, boolean flashAttention,
                        boolean unevenPipelineStages) {
        this(globalBatchSequences, sequenceLength, precision, flashAttention, unevenPipelineStages, true);
    }

    public TrainingSpec(int globalBatchSequences, int sequenceLength) {
        this(globalBatchSequences, sequenceLength, Precision.BF16, true, false);
    }

    public double globalBatchTokens() {
        return (double) globalBatchSequences * sequenceLength;
    }

    public TrainingSpec withFlashAttention(boolean value) {
        return new TrainingSpec(globalBatchSequences, sequenceLength, precision, value, unevenPipelineStages, overlapGradientReduce);
    }

    public TrainingSpec withUnevenPipelineStages(boolean value) {
        return new TrainingSpec(globalBatchSequences, sequenceLength, precision, flashAttention, value, overlapGradientReduce);
    }

    public TrainingSpec withOverlapGradientReduce(boolean value) {
        return new TrainingSpec(globalBatchSequences, sequenceLength, precision, flashAttention, unevenPipelineStages, value);
    }
}
