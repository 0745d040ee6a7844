package org.carbonaware.planner.model;

/** Compute precision of the matrix multiplies. Weights, gradients and optimizer states follow mixed-precision Adam. */
public enum Precision {
    BF16, FP16, FP8;

    public static Precision parse(String text) {
        return switch (text.toLowerCase()) {
            case "bf16" -> BF16;
            case "fp16" -> FP16;
            case "fp8" -> FP8;
            default -> throw new IllegalArgumentException("unknown precision '" + text + "'; use bf16, fp16 or fp8");
        };
    }

    public String label() {
        return name().toLowerCase();
    }
}
