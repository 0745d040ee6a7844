package org.carbonaware.planner.domain;

import java.util.Arrays;

/** A per-epoch choice of option index or {@link Problem#PAUSED}. */
public record Plan(int[] stateByEpoch) {

    public Plan {
        stateByEpoch = stateByEpoch.clone();
    }

    public int epochCount() {
        return stateByEpoch.length;
    }

    public int state(int epoch) {
        return stateByEpoch[epoch];
    }

    @Override
    public int[] stateByEpoch() {
        return stateByEpoch.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Plan p && Arrays.equals(stateByEpoch, p.stateByEpoch);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(stateByEpoch);
    }

    @Override
    public String toString() {
        return "Plan" + Arrays.toString(stateByEpoch);
    }
}
