package org.carbonaware.planner.domain;

/**
 * What joining and leaving costs a site. Joining (off → running) loses {@code provisionMinutes} of the joining
 * epoch, during which the site draws {@code watts} instead of its option's power; leaving (running → off) draws
 * {@code watts} instead of the idle power for {@code deprovisionMinutes} of the first epoch off.
 *
 * @param provisionMinutes minutes from the join decision until the site trains (booting, loading the job)
 * @param deprovisionMinutes minutes a leaving site still draws power (checkpoint upload, teardown)
 * @param watts IT power while provisioning or deprovisioning (before PUE)
 */
public record Provisioning(double provisionMinutes, double deprovisionMinutes, double watts) {

    public static final Provisioning NONE = new Provisioning(0, 0, 0);

    public Provisioning {
        check("provisionMinutes", provisionMinutes);
        check("deprovisionMinutes", deprovisionMinutes);
        check("provisionWatts", watts);
    }

    private static void check(String field, double value) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(field + " must be a non-negative number, got " + value);
        }
    }
}
