package org.carbonaware.planner.model;

/**
 * One micro-batch (forward, backward and recomputation) on the slowest pipeline stage, split by what bounds it.
 * Only the GEMM part follows the SM clock; memory-bound kernels follow HBM, collectives the links.
 *
 * @param gemmSeconds matrix multiplies (layers, attention scores and the output layer)
 * @param memoryBoundSeconds norms, softmax, dropout, activations and the logits' elementwise passes
 * @param backwardSeconds the stage's backward compute, the window a gradient reduction can hide behind
 * @param tpCommSeconds tensor-parallel collectives
 * @param expertCommSeconds MoE all-to-all exchanges
 * @param p2pSeconds activation and gradient transfers to the neighbouring stages
 */
public record MicroBatchTime(double gemmSeconds, double memoryBoundSeconds, double backwardSeconds, double tpCommSeconds,
                             double expertCommSeconds, double p2pSeconds) {

    /** Busy compute, GEMMs and memory-bound kernels. */
    public double computeSeconds() {
        return gemmSeconds + memoryBoundSeconds;
    }

    public double totalSeconds() {
        return computeSeconds() + tpCommSeconds + expertCommSeconds + p2pSeconds;
    }
}
