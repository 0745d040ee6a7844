package org.carbonaware.planner.scaling;

/**
 * A power-law fit loss = k CO2^-alpha (CO2 in kg) of one variant's curve.
 *
 * @param curve total (operational + embodied), noEmbodied (operational only) or ideal
 */
public record FitRow(String variant, String curve, PowerLawFit fit) {
}
