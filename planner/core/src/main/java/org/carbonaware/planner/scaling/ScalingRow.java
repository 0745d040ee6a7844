package org.carbonaware.planner.scaling;

/**
 * One device x model size of the study. When {@link #feasible()} is false the layout and carbon fields are NaN or 0
 * and {@link #status()} says why.
 *
 * @param utilisation model FLOPs utilisation (MFU) of the chosen layout
 * @param activity busy fraction that scales the dynamic power
 * @param energyMwh facility energy (IT energy x PUE)
 * @param idealKg compute-only carbon: model FLOPs at peak, dynamic power only, no host, no embodied (the "ideal" curve)
 */
public record ScalingRow(String variant, int dModel, int layers, int experts, int expertsPerToken, double params,
                         double activeParams, double tokens, double flops, int batchSequences, double loss, String status,
                         int devices, int tp, int pp, int dp, int ep, int zero, int microBatch, int interleave,
                         String recompute, double days, double utilisation, double activity, double energyMwh,
                         double operationalKg, double embodiedKg, double idealKg) {

    public boolean feasible() {
        return devices > 0;
    }

    public double totalKg() {
        return operationalKg + embodiedKg;
    }

    public double embodiedShare() {
        return embodiedKg / totalKg();
    }
}
