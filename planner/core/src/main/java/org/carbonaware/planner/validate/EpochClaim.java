package org.carbonaware.planner.validate;

import java.util.List;
import java.util.Map;

/**
 * One epoch's option references and stated figures, as read back from a solution file: one site claim per site
 * named in the epoch (a one-site file's single {@code option} is one claim without a site name).
 */
public record EpochClaim(int index, String start, List<SiteClaim> siteClaimList, Map<String, Double> stated) {

    public EpochClaim {
        siteClaimList = List.copyOf(siteClaimList);
        stated = Map.copyOf(stated);
    }

    /**
     * One site's option reference in an epoch.
     *
     * @param site the site's name, or null in a one-site file
     * @param optionId id of the option or null; {@code dp} is 0 when the site is off, or when the id alone names the option
     * @param powerCapWatts the option's power cap, null for the default limit
     * @param where the field path of the option, for messages
     */
    public record SiteClaim(String site, String optionId, int dp, int tp, int pp, Double powerCapWatts, Map<String, Double> stated,
                            String where) {

        public SiteClaim {
            stated = Map.copyOf(stated);
        }

        public boolean off() {
            return dp == 0 && optionId == null;
        }
    }
}
