package org.carbonaware.planner.forecast;

import java.time.Instant;
import java.util.Arrays;

/**
 * The carbon intensity a planner assumes at a decision time for every remaining epoch of every site: the latest
 * forecast where it reaches, the fallback beyond.
 *
 * @param fromEpoch the decision epoch (its start is the decision time)
 * @param gramsPerKwhBySite per site, the remaining epochs' carbon intensity
 * @param issuedAtBySite per site, when the forecast used was issued (null when none was issued yet)
 * @param forecastEpochsBySite per site, remaining epochs the forecast covers
 * @param coveredPrefixBySite per site, leading remaining epochs the forecast covers without a gap
 */
public record ForecastView(int fromEpoch, Instant decisionTime, double[][] gramsPerKwhBySite, Instant[] issuedAtBySite,
                           int[] forecastEpochsBySite, int[] coveredPrefixBySite) {

    public ForecastView {
        gramsPerKwhBySite = Arrays.stream(gramsPerKwhBySite).map(double[]::clone).toArray(double[][]::new);
        issuedAtBySite = issuedAtBySite.clone();
        forecastEpochsBySite = forecastEpochsBySite.clone();
        coveredPrefixBySite = coveredPrefixBySite.clone();
    }

    @Override
    public double[][] gramsPerKwhBySite() {
        return Arrays.stream(gramsPerKwhBySite).map(double[]::clone).toArray(double[][]::new);
    }

    /** The only site's values (one-site problems). */
    public double[] gramsPerKwh() {
        return gramsPerKwhBySite[0].clone();
    }

    /** The oldest issue time over the sites: the stalest information used (null when a site had none yet). */
    public Instant issuedAt() {
        Instant oldest = null;
        for (Instant issued : issuedAtBySite) {
            if (issued == null) {
                return null;
            }
            oldest = oldest == null || issued.isBefore(oldest) ? issued : oldest;
        }
        return oldest;
    }

    /** Remaining epochs every site's forecast covers. */
    public int forecastEpochs() {
        return Arrays.stream(forecastEpochsBySite).min().orElse(0);
    }

    /** Remaining epochs at least one site fills from its fallback. */
    public int fallbackEpochs() {
        return gramsPerKwhBySite[0].length - forecastEpochs();
    }

    /** Leading remaining epochs every site's forecast covers without a gap. */
    public int coveredPrefix() {
        return Arrays.stream(coveredPrefixBySite).min().orElse(0);
    }
}
