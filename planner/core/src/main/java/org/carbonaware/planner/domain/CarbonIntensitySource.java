package org.carbonaware.planner.domain;

import java.nio.file.Path;

/**
 * Where an instance's carbon-intensity trace comes from and what it measures.
 *
 * @param file the CSV file, resolved against the instance file's folder
 * @param column header of the value column, or null for the second column
 * @param signal average (location-based) or marginal intensity
 * @param forecast what a planner knows of the trace ahead of time, or null when the instance gives none
 * @param maxGapMinutes the longest spacing of two samples inside the horizon that is filled, or null for twice
 *        the trace's step
 */
public record CarbonIntensitySource(Path file, String column, Signal signal, Forecast forecast, Double maxGapMinutes) {

    public CarbonIntensitySource {
        if (signal == null) {
            throw new IllegalArgumentException("signal must be given");
        }
    }

    public CarbonIntensitySource(Path file, String column, Signal signal, Forecast forecast) {
        this(file, column, signal, forecast, null);
    }

    /** An average-intensity trace without a forecast. */
    public CarbonIntensitySource(Path file, String column) {
        this(file, column, Signal.AVERAGE, null);
    }

    /** Another trace of the same signal; a forecast of this trace does not carry over. */
    public CarbonIntensitySource withFile(Path newFile, String newColumn) {
        return new CarbonIntensitySource(newFile, newColumn, signal, null, maxGapMinutes);
    }

    public CarbonIntensitySource withForecast(Forecast newForecast) {
        return new CarbonIntensitySource(file, column, signal, newForecast, maxGapMinutes);
    }
}
