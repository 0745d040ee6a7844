package org.carbonaware.planner.model;

/** Activation recomputation (Korthikanti et al. 2022): none, selective (attention core only) or full (every layer). */
public enum Recompute {
    NONE, SELECTIVE, FULL;

    public static Recompute parse(String text) {
        return switch (text.toLowerCase()) {
            case "none" -> NONE;
            case "selective" -> SELECTIVE;
            case "full" -> FULL;
            default -> throw new IllegalArgumentException("unknown recompute '" + text + "'; use none, selective or full");
        };
    }

    public String label() {
        return name().toLowerCase();
    }
}
