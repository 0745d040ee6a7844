package org.carbonaware.planner.validate;

/** One site's share of a plan's totals. */
public record SiteTotals(String site, double tokens, double energyKwh, double operationalKg, double embodiedKg,
                         double gpuHours, double runningHours, int joins) {

    public double totalKg() {
        return operationalKg + embodiedKg;
    }
}
