package org.carbonaware.planner.domain;

/**
 * Curtailment windows derived from a (marginal) carbon-intensity signal, as a reactive provisioner sees them: a
 * window opens at the first sample below the threshold and closes once the signal has stayed above it for
 * {@code hysteresisMinutes}.
 *
 * @param source the signal; null for the site's own carbon-intensity trace
 */
public record CurtailmentRule(double thresholdGramsPerKwh, double hysteresisMinutes, CarbonIntensitySource source) {

    /** The study's policy: provision below 100 g/kWh, deprovision after 10 minutes above. */
    public static final double DEFAULT_THRESHOLD_GRAMS_PER_KWH = 100;
    public static final double DEFAULT_HYSTERESIS_MINUTES = 10;

    public CurtailmentRule {
        if (!(thresholdGramsPerKwh >= 0) || !Double.isFinite(thresholdGramsPerKwh)) {
            throw new IllegalArgumentException("threshold must be a non-negative number, got " + thresholdGramsPerKwh);
        }
        if (!(hysteresisMinutes >= 0) || !Double.isFinite(hysteresisMinutes)) {
            throw new IllegalArgumentException("hysteresisMinutes must be a non-negative number, got " + hysteresisMinutes);
        }
    }
}
