package org.carbonaware.planner.domain;

import java.util.Arrays;
import java.util.Locale;

/**
 * What a carbon-intensity trace measures. Average (location-based) intensity is the mix of the grid;
 * marginal intensity (MOER) is the emission rate of the generator that follows a change in load. The two
 * differ in level and in swing, so grams computed with one cannot be compared with grams computed with the other.
 */
public enum Signal {
    AVERAGE("average"),
    MARGINAL("marginal");

    private final String label;

    Signal(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The signal named {@code text}, or null when none is. */
    public static Signal fromLabel(String text) {
        for (Signal signal : values()) {
            if (signal.label.equals(text.strip().toLowerCase(Locale.ROOT))) {
                return signal;
            }
        }
        return null;
    }

    public static String labels() {
        return Arrays.toString(Arrays.stream(values()).map(Signal::label).toArray());
    }

    @Override
    public String toString() {
        return label;
    }
}
