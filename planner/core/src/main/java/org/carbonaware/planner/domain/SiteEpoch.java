package org.carbonaware.planner.domain;

/**
 * What one site does in one epoch of a plan.
 *
 * @param option index into the site's allowed options, or {@link Problem#PAUSED} when the site is off
 * @param lostMinutes minutes of the epoch the site does not train (reconfiguration, provisioning)
 * @param tokens tokens the site trains, the federation factor applied
 * @param energyKwh facility energy (PUE included), provisioning and deprovisioning power included
 */
public record SiteEpoch(int site, int option, int gpus, double lostMinutes, double tokens, double carbonIntensity,
                        double energyKwh, double operationalGrams, double embodiedGrams) {

    public boolean running() {
        return option != Problem.PAUSED;
    }

    public double grams() {
        return operationalGrams + embodiedGrams;
    }
}
