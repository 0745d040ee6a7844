package org.carbonaware.planner.model;

/**
 * Power of one configuration at its power limit.
 *
 * @param computeClock clock of compute-bound phases relative to the uncapped operating point (1 when not capped)
 * @param gpuActivity average power above idle as a share of the device's dynamic budget (TDP - idle)
 * @param wattsPerGpu average accelerator power over a step
 * @param watts IT power of the whole option: GPUs plus the host share of every node (before PUE)
 */
public record Power(double computeClock, double gpuActivity, double wattsPerGpu, double watts) {

    static final Power UNKNOWN = new Power(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
}
