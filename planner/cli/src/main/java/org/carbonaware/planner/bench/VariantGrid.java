package org.carbonaware.planner.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The instance variants of a run: every combination of trace × start × slack × switching costs, in that order.
 * An empty list keeps the instance's own value (trace, start, deadline); switching costs default to kept.
 */
public record VariantGrid(List<Path> traceList, List<Instant> startList, List<Double> slackList, List<Boolean> switchCostList) {

    /** The instances as written. */
    public static final VariantGrid NONE = new VariantGrid(List.of(), List.of(), List.of(), List.of(true));

    public VariantGrid {
        traceList = traceList.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        startList = List.copyOf(startList);
        slackList = List.copyOf(slackList);
        switchCostList = switchCostList.isEmpty() ? List.of(true) : List.copyOf(switchCostList);
    }

    /** {@code count} starts {@code everyHours} apart from {@code first}. */
    public static List<Instant> starts(Instant first, double everyHours, int count) {
        List<Instant> starts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            starts.add(first.plus(Duration.ofSeconds(Math.round(i * everyHours * 3600))));
        }
        return starts;
    }

    public List<Variant> variants() {
        List<Variant> variants = new ArrayList<>();
        for (Path trace : orNull(traceList)) {
            for (Instant start : orNull(startList)) {
                for (Double slack : orNull(slackList)) {
                    for (boolean switchCosts : switchCostList) {
                        variants.add(new Variant(trace, start, slack, switchCosts));
                    }
                }
            }
        }
        return variants;
    }

    private static <T> List<T> orNull(List<T> values) {
        return values.isEmpty() ? Arrays.asList((T) null) : values;
    }
}
