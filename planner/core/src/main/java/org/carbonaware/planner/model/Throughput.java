package org.carbonaware.planner.model;

/**
 * @param tokensPerSecond training tokens per second of the whole option
 * @param mfu model FLOPs utilisation (no recomputation counted)
 * @param hardwareTflopsPerGpu achieved FLOP/s per GPU counting recomputation (the figure Megatron-LM reports)
 */
public record Throughput(double tokensPerSecond, double mfu, double hardwareTflopsPerGpu) {

    static final Throughput UNKNOWN = new Throughput(Double.NaN, Double.NaN, Double.NaN);
}
