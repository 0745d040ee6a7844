package org.carbonaware.planner.validate;

import java.time.Instant;

/** The recomputed figures of one epoch of a plan. {@code state} is an option index or -1 when paused. */
public record EpochResult(
        int index,
        Instant start,
        int state,
        int gpus,
        double lostMinutes,
        double tokens,
        double carbonIntensity,
        double energyKwh,
        double operationalKg,
        double embodiedKg) {

    public boolean running() {
        return state >= 0;
    }

    public double totalKg() {
        return operationalKg + embodiedKg;
    }
}
