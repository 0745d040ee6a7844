package org.carbonaware.planner.validate;

import java.util.Map;

/**
 * One epoch's option reference and stated figures, as read back from a solution file.
 *
 * @param optionId id of the option or null; {@code dp} is 0 when the epoch is paused
 */
public record EpochClaim(int index, String start, String optionId, int dp, int tp, int pp, Map<String, Double> stated) {

    public boolean paused() {
        return dp == 0;
    }
}
