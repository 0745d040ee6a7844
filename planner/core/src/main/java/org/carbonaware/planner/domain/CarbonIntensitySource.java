package org.carbonaware.planner.domain;

import java.nio.file.Path;

/**
 * Where an instance's carbon-intensity trace comes from.
 *
 * @param file the CSV file, resolved against the instance file's folder
 * @param column header of the value column, or null for the second column
 */
public record CarbonIntensitySource(Path file, String column) {
}
