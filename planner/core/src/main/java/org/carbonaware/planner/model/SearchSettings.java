package org.carbonaware.planner.model;

import java.util.List;

/**
 * Which configurations {@link ConfigurationSearch} enumerates.
 *
 * @param maxGpus largest GPU count
 * @param gpuStep GPU counts must be multiples of this (1 = any count)
 * @param powersOfTwo GPU counts must be powers of two (a coarse grid that keeps option tables small)
 * @param maxMicroBatch largest micro-batch tried
 * @param maxInterleave largest number of virtual pipeline stages tried
 * @param fastestPerLayout keep only the fastest fitting knob setting of each (dp, tp, pp) before the Pareto
 *        pruning. Slower settings of one layout draw a little less power but never use less energy or GPU time
 *        per token (the same work takes longer at the same idle and host power), so they only crowd the table.
 * @param powerCapsWatts per-GPU power limits below TDP to offer besides the default limit (empty: none); every
 *        configuration is also evaluated at each cap and the capped variants compete in the Pareto pruning
 */
public record SearchSettings(int maxGpus, int gpuStep, boolean powersOfTwo, int maxMicroBatch, int maxInterleave,
                             boolean fastestPerLayout, List<Double> powerCapsWatts) {

    public SearchSettings {
        if (maxGpus < 1 || gpuStep < 1 || maxMicroBatch < 1 || maxInterleave < 1) {
            throw new IllegalArgumentException("maxGpus, gpuStep, maxMicroBatch and maxInterleave must be >= 1");
        }
        powerCapsWatts = List.copyOf(powerCapsWatts);
    }

    public SearchSettings(int maxGpus, int gpuStep, boolean powersOfTwo, int maxMicroBatch, int maxInterleave, boolean fastestPerLayout) {
        this(maxGpus, gpuStep, powersOfTwo, maxMicroBatch, maxInterleave, fastestPerLayout, List.of());
    }

    public SearchSettings(int maxGpus) {
        this(maxGpus, 1, false, 16, 8, true);
    }

    public SearchSettings withPowerCapsWatts(List<Double> value) {
        return new SearchSettings(maxGpus, gpuStep, powersOfTwo, maxMicroBatch, maxInterleave, fastestPerLayout, value);
    }

    public boolean allows(int gpus) {
        if (gpus > maxGpus || gpus % gpuStep != 0) {
            return false;
        }
        return !powersOfTwo || Integer.bitCount(gpus) == 1;
    }
}
