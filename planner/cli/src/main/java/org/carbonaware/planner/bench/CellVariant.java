package org.carbonaware.planner.bench;

import org.carbonaware.planner.domain.Instance;

/**
 * What a cell ran on, as written in its result: the variant's key and the trace, start and deadline of the
 * instance after the variant was applied (so plain instances are described the same way as sweep variants).
 *
 * @param key {@link Variant#key()}, empty for the instance as written
 * @param trace the trace's label (file name without .csv), empty when unknown (the instance could not be read)
 * @param start ISO-8601 start, empty when unknown
 * @param slack {@link Variant#formatSlack} of the variant's slack, empty when the deadline is the instance's
 * @param switchCosts false when the variant dropped the switching costs
 * @param deadlineHours NaN when unknown
 */
public record CellVariant(String key, String trace, String start, String slack, boolean switchCosts, double deadlineHours) {

    /** The description of {@code variant} applied to {@code instance}. */
    public static CellVariant of(Variant variant, Instance instance) {
        return new CellVariant(variant.key(), Variant.traceLabel(instance.carbonIntensity().file()), instance.start().toString(),
                slackText(variant), variant.switchCosts(), instance.deadlineHours());
    }

    /** What is known of a variant whose instance could not be built. */
    public static CellVariant unresolved(Variant variant) {
        return new CellVariant(variant.key(), variant.traceFile() == null ? "" : Variant.traceLabel(variant.traceFile()),
                variant.start() == null ? "" : variant.start().toString(), slackText(variant), variant.switchCosts(), Double.NaN);
    }

    private static String slackText(Variant variant) {
        return variant.slack() == null ? "" : Variant.formatSlack(variant.slack());
    }
}
