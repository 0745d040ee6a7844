package org.carbonaware.planner.scaling;

/**
 * How the critical batch size grows with training compute C (CarbonScaling eq. 1). Both rules are anchored to the
 * DeepSeek LLM fit B = 0.292 C^0.3271 tokens (Bi et al. 2024) at {@link ScalingLaws#BATCH_ANCHOR_FLOPS}, so they agree
 * there and diverge above it.
 */
public enum BatchScaling {
    /** B grows as C^(1/6). */
    STANDARD(1.0 / 6.0),
    /** B grows as C^0.3271 (DeepSeek LLM's fitted exponent). */
    AGGRESSIVE(ScalingLaws.DEEPSEEK_BATCH_EXPONENT);

    private final double exponent;

    BatchScaling(double exponent) {
        this.exponent = exponent;
    }

    public double exponent() {
        return exponent;
    }

    public String label() {
        return name().toLowerCase();
    }
}
