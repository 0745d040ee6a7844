package org.carbonaware.planner.model;

/**
 * One optimizer step (iteration) of the slowest stage. The parts add up to {@link #iterationSeconds()}.
 *
 * @param microBatches micro-batches per step and replica
 * @param computeSeconds busy compute of all micro-batches (no bubbles, no communication)
 * @param bubbleSeconds pipeline fill and drain ((p-1)/v micro-batch times)
 * @param tpCommSeconds tensor-parallel collectives (not overlapped)
 * @param ppCommSeconds point-to-point transfers between stages
 * @param dpCommSeconds exposed gradient all-reduce/reduce-scatter
 * @param zeroCommSeconds exposed ZeRO-3 parameter gathers and gradient reduce-scatters
 * @param expertCommSeconds MoE all-to-all
 * @param optimizerSeconds the Adam step
 */
public record StepTime(int microBatches, double computeSeconds, double bubbleSeconds, double tpCommSeconds, double ppCommSeconds,
                       double dpCommSeconds, double zeroCommSeconds, double expertCommSeconds, double optimizerSeconds) {

    static StepTime unknown(int microBatches) {
        double nan = Double.NaN;
        return new StepTime(microBatches, nan, nan, nan, nan, nan, nan, nan, nan);
    }

    public double iterationSeconds() {
        return computeSeconds + bubbleSeconds + tpCommSeconds + ppCommSeconds + dpCommSeconds + zeroCommSeconds
                + expertCommSeconds + optimizerSeconds;
    }

    /** Time the GPU draws communication power: collectives and transfers. */
    public double communicationSeconds() {
        return tpCommSeconds + ppCommSeconds + dpCommSeconds + zeroCommSeconds + expertCommSeconds;
    }
}
