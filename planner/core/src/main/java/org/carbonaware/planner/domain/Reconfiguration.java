package org.carbonaware.planner.domain;

/**
 * Minutes of progress lost when the job enters a running option from a different state.
 *
 * @param resumeMinutes entering from pause (restart and checkpoint load)
 * @param dpChangeMinutes entering from another option with the same tp and pp
 * @param reshardMinutes entering from an option with a different tp or pp
 * @param capChangeMinutes entering an option that differs only in its per-GPU power limit (same dp, tp, pp and GPUs)
 */
public record Reconfiguration(double resumeMinutes, double dpChangeMinutes, double reshardMinutes, double capChangeMinutes) {

    public static final Reconfiguration NONE = new Reconfiguration(0, 0, 0, 0);

    public Reconfiguration {
        check("resumeMinutes", resumeMinutes);
        check("dpChangeMinutes", dpChangeMinutes);
        check("reshardMinutes", reshardMinutes);
        check("capChangeMinutes", capChangeMinutes);
    }

    public Reconfiguration(double resumeMinutes, double dpChangeMinutes, double reshardMinutes) {
        this(resumeMinutes, dpChangeMinutes, reshardMinutes, 0);
    }

    private static void check(String field, double minutes) {
        if (!(minutes >= 0) || !Double.isFinite(minutes)) {
            throw new IllegalArgumentException("reconfiguration." + field + " must be a non-negative number, got " + minutes);
        }
    }

    /** Lost minutes when entering {@code to} from {@code from}; null stands for the paused state. */
    public double lostMinutes(Option from, Option to) {
        if (to == null || from == to) {
            return 0;
        }
        if (from == null) {
            return resumeMinutes;
        }
        if (from.capChangeOnly(to)) {
            return capChangeMinutes;
        }
        return from.sameFamily(to) ? dpChangeMinutes : reshardMinutes;
    }
}
