package org.carbonaware.planner.validate;

import java.util.List;

/**
 * Totals of a plan recomputed from the instance.
 *
 * @param finishHours hours from the start until the cumulative tokens reach the workload, interpolated inside
 *     the finishing epoch; NaN when the workload is never reached
 * @param reconfigurations site transitions into a running option from a different one or from off (resumes
 *     included), summed over the sites; split into resumes, DP changes, reshards and cap-only changes
 * @param siteTotalList each site's share, in site order
 * @param federatedEpochs epochs in which two or more sites train
 */
public record Evaluation(
        List<EpochResult> epochList,
        double totalKg,
        double operationalKg,
        double embodiedKg,
        double energyKwh,
        double gpuHours,
        double tokens,
        double workloadTokens,
        double finishHours,
        int reconfigurations,
        int resumes,
        int dpChanges,
        int reshards,
        int capChanges,
        List<SiteTotals> siteTotalList,
        int federatedEpochs) {

    /** Relative slack of the token constraint the validator accepts (floating-point noise of the solvers). */
    public static final double TOKEN_TOLERANCE = 1e-9;

    public Evaluation {
        epochList = List.copyOf(epochList);
        siteTotalList = List.copyOf(siteTotalList);
    }

    public boolean workloadReached() {
        return tokens >= workloadTokens * (1 - TOKEN_TOLERANCE);
    }

    public double tokensPerKg() {
        return totalKg > 0 ? tokens / totalKg : Double.POSITIVE_INFINITY;
    }
}
