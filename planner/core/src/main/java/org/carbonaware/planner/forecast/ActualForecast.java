package org.carbonaware.planner.forecast;

import java.util.Arrays;

import org.carbonaware.planner.domain.Problem;

/** Perfect foresight: at every decision time the actual carbon intensity of every later epoch at one site. */
public final class ActualForecast implements IssuedForecast {

    private final int site;

    public ActualForecast(int site) {
        this.site = site;
    }

    @Override
    public Issue latest(Problem grid, int fromEpoch) {
        double[] all = grid.carbonIntensities(site);
        return new Issue(grid.epochStart(fromEpoch), Arrays.copyOfRange(all, fromEpoch, all.length));
    }
}
