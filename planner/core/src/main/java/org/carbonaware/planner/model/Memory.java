package org.carbonaware.planner.model;

/**
 * Memory of the most loaded GPU (first or last pipeline stage), in GiB.
 *
 * @param weightsGiB model weights held by the GPU (after ZeRO-3 sharding)
 * @param gradientsGiB gradients (after ZeRO-2 sharding)
 * @param optimizerGiB fp32 master weights and Adam moments (after ZeRO-1 sharding)
 * @param activationsGiB stored activations of the micro-batches in flight, working set and logits
 * @param usableGiB device memory left for the job after context, workspace and fragmentation
 */
public record Memory(double weightsGiB, double gradientsGiB, double optimizerGiB, double activationsGiB, double usableGiB) {

    /** Memory of a layout that could not be evaluated: only the usable memory is known. */
    static Memory unknown(double usableGiB) {
        return new Memory(Double.NaN, Double.NaN, Double.NaN, Double.NaN, usableGiB);
    }

    public double totalGiB() {
        return weightsGiB + gradientsGiB + optimizerGiB + activationsGiB;
    }

    public boolean fits() {
        return totalGiB() <= usableGiB;
    }
}
