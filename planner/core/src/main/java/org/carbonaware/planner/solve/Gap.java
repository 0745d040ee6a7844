package org.carbonaware.planner.solve;

/**
 * The one gap definition of every result, report and chart: how far a plan's objective lies above a reference (a
 * lower bound, or the best plan found for the instance), as a fraction of the reference. 0.01 = 1 % above.
 * Not clamped: a negative gap to a bound means the bound is above the plan, which must be visible.
 */
public final class Gap {

    private Gap() {
    }

    /** Relative differences below this are floating-point noise (the same terms summed in another order): 0. */
    static final double NOISE = 1e-12;

    /**
     * (objective − reference) / |reference|; 0 when they agree to {@link #NOISE}, NaN when either is NaN, ±∞
     * against a zero reference.
     */
    public static double relative(double objectiveKg, double referenceKg) {
        double difference = objectiveKg - referenceKg;
        if (Math.abs(difference) <= NOISE * Math.max(Math.abs(objectiveKg), Math.abs(referenceKg))) {
            return 0;
        }
        return difference / Math.abs(referenceKg);
    }
}
