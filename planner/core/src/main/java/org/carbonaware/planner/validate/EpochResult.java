package org.carbonaware.planner.validate;

import java.time.Instant;
import java.util.List;

import org.carbonaware.planner.domain.SiteEpoch;

/**
 * The recomputed figures of one epoch of a plan, totals over its sites and each site's own figures.
 *
 * @param state state index, -1 when paused, or {@code StateSpace.UNLISTED} for a stored plan's combination that is
 *     not in the state list
 * @param lostMinutes the site's lost minutes with one site; with several, the largest of the running sites'
 * @param carbonIntensity the site's carbon intensity with one site; with several, the energy-weighted mean (the
 *     mean when no energy is drawn)
 * @param siteList each site's figures, in site order
 */
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
        double embodiedKg,
        List<SiteEpoch> siteList) {

    public EpochResult {
        siteList = List.copyOf(siteList);
    }

    public boolean running() {
        return siteList.stream().anyMatch(SiteEpoch::running);
    }

    /** Two or more sites train in this epoch. */
    public boolean federated() {
        return siteList.stream().filter(SiteEpoch::running).count() >= 2;
    }

    public double totalKg() {
        return operationalKg + embodiedKg;
    }
}
