package org.carbonaware.planner.validate;

import java.util.List;
import java.util.Map;

/** A solution as read back: only the per-epoch options are trusted; totals are claims to check. */
public record StoredSolution(String instance, String solver, String status, List<EpochClaim> epochList,
                             Map<String, Double> statedTotals) {
}
