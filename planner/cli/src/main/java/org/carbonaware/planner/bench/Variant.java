package org.carbonaware.planner.bench;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.carbonaware.planner.common.Csv;
import org.carbonaware.planner.common.InputException;
import org.carbonaware.planner.domain.CarbonIntensitySource;
import org.carbonaware.planner.domain.Instance;
import org.carbonaware.planner.domain.Option;
import org.carbonaware.planner.domain.Reconfiguration;

/**
 * How a cell changes its instance before solving: another carbon-intensity trace (a region), another start time,
 * a deadline set by a slack over the fastest option's time, switching costs dropped. Each part is optional; the
 * empty variant is the instance as written.
 *
 * @param traceFile a trace replacing the instance's (its column if the trace has one of that name, else the second), or null
 * @param start the start replacing the instance's, or null
 * @param slack deadlineHours = (1 + slack) × {@link #fastestHours}, rounded up to a whole epoch; null keeps the deadline
 * @param switchCosts false sets resume, DP-change and reshard minutes to 0 (after the slack deadline is computed,
 *                    so a run without switching costs has the deadline of the run it is compared with)
 */
public record Variant(Path traceFile, Instant start, Double slack, boolean switchCosts) {

    /** The instance as written. */
    public static final Variant NONE = new Variant(null, null, null, true);

    private static final DateTimeFormatter KEY_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'").withZone(ZoneOffset.UTC);

    public Variant {
        if (slack != null && (!(slack >= 0) || Double.isInfinite(slack))) {
            throw new InputException("slack must be a number >= 0, got " + slack);
        }
        traceFile = traceFile == null ? null : traceFile.toAbsolutePath().normalize();
    }

    /**
     * Names the variant in cell ids and result files: its non-empty parts joined by dots, e.g.
     * {@code DE_2023_hourly.20230101T0000Z.s0.05.nosw}; empty for {@link #NONE}.
     */
    public String key() {
        List<String> parts = new ArrayList<>();
        if (traceFile != null) {
            parts.add(traceLabel(traceFile));
        }
        if (start != null) {
            parts.add(KEY_TIME.format(start));
        }
        if (slack != null) {
            parts.add("s" + formatSlack(slack));
        }
        if (!switchCosts) {
            parts.add("nosw");
        }
        return String.join(".", parts);
    }

    /** The instance this variant makes of {@code base}. */
    public Instance apply(Instance base) {
        Instance instance = base;
        if (traceFile != null) {
            instance = instance.withCarbonIntensity(source(base, traceFile));
        }
        if (start != null) {
            instance = instance.withStart(start);
        }
        if (slack != null) {
            instance = instance.withDeadlineHours(deadlineHours(base, slack));
        }
        if (!switchCosts) {
            instance = instance.withReconfiguration(Reconfiguration.NONE);
        }
        return instance;
    }

    /** The slack as written in keys and result files: up to four decimals, at least one ("0.0", "0.05"). */
    public static String formatSlack(double slack) {
        String text = String.format(Locale.ROOT, "%.4f", slack).replaceAll("0+$", "");
        return text.endsWith(".") ? text + "0" : text;
    }

    /** A trace's name in results: the file name without {@code .csv}. */
    public static String traceLabel(Path traceFile) {
        return traceFile.getFileName().toString().replaceFirst("\\.csv$", "");
    }

    /**
     * Hours the fastest allowed option ({@link Option#fastest}) needs to train the workload, including one resume
     * from the paused start: W / (tokens/s × 3600) + resumeMinutes / 60.
     */
    public static double fastestHours(Instance instance) {
        Option fastest = Option.fastest(instance.allowedOptionList()).orElseThrow(() -> new InputException(
                "%s: no option fits within maxGpus=%d.".formatted(instance.name(), instance.maxGpus())));
        return instance.workloadTokens() / (fastest.tokensPerSecond() * 3600.0) + instance.reconfiguration().resumeMinutes() / 60.0;
    }

    /** (1 + slack) × {@link #fastestHours}, rounded up to a whole epoch so that slack 0 leaves the fastest option room. */
    public static double deadlineHours(Instance instance, double slack) {
        double epochHours = instance.epochMinutes() / 60.0;
        double hours = (1 + slack) * fastestHours(instance);
        return Math.ceil(hours / epochHours - 1e-9) * epochHours;
    }

    /** The source for another trace: the instance's column when the trace has one of that name, else the second column. */
    static CarbonIntensitySource source(Instance instance, Path traceFile) {
        String column = instance.carbonIntensity().column();
        if (column != null && !Csv.header(traceFile).contains(column)) {
            column = null;
        }
        return instance.carbonIntensity().withFile(traceFile.toAbsolutePath().normalize(), column);
    }

    /** Slacks written as fractions (0.1) or percentages (10%), comma separated. */
    public static List<Double> parseSlacks(String text, String option) {
        List<Double> slacks = new ArrayList<>();
        for (String part : text.split(",")) {
            String trimmed = part.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            try {
                boolean percent = trimmed.endsWith("%");
                double slack = Double.parseDouble(percent ? trimmed.substring(0, trimmed.length() - 1) : trimmed);
                if (percent) {
                    slack /= 100;
                }
                if (!(slack >= 0) || !Double.isFinite(slack)) {
                    throw new NumberFormatException();
                }
                slacks.add(slack);
            } catch (NumberFormatException e) {
                throw new InputException("%s: \"%s\" is not a slack >= 0 (a fraction such as 0.1 or a percentage such as 10%%)."
                        .formatted(option, trimmed));
            }
        }
        if (slacks.isEmpty()) {
            throw new InputException(option + ": no slack given. Maybe --slack 0.05,0.1,0.25?");
        }
        return slacks;
    }
}
