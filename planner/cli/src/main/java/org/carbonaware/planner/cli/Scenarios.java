package org.carbonaware.planner.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.carbonaware.planner.domain.CarbonIntensitySource;
import org.carbonaware.planner.domain.Instance;
import org.carbonaware.planner.domain.Option;
import org.carbonaware.planner.domain.Reconfiguration;
import org.carbonaware.planner.common.Csv;
import org.carbonaware.planner.common.InputException;

/** Variations of one instance shared by {@code sweep} and {@code pareto}: deadline slack, other traces, no switching costs. */
final class Scenarios {

    private Scenarios() {
    }

    /**
     * Hours the fastest allowed option needs to train the workload, including one resume from the paused start:
     * W / (tokens/s × 3600) + resumeMinutes / 60.
     */
    static double fastestHours(Instance instance) {
        Option fastest = Option.fastest(instance.allowedOptionList()).orElseThrow(() -> new InputException(
                "%s: no option fits within maxGpus=%d.".formatted(instance.name(), instance.maxGpus())));
        return instance.workloadTokens() / (fastest.tokensPerSecond() * 3600.0) + instance.reconfiguration().resumeMinutes() / 60.0;
    }

    /**
     * The deadline of slack s: (1 + s) × {@link #fastestHours}, rounded up to a whole epoch so that slack 0 still
     * leaves the fastest option room to finish.
     */
    static double deadlineHours(Instance instance, double slack) {
        double epochHours = instance.epochMinutes() / 60.0;
        double hours = (1 + slack) * fastestHours(instance);
        return Math.ceil(hours / epochHours - 1e-9) * epochHours;
    }

    static Instance withoutSwitchCosts(Instance instance) {
        return new Instance(instance.name(), instance.start(), instance.epochMinutes(), instance.deadlineHours(),
                instance.workloadTokens(), instance.maxGpus(), instance.pue(), instance.embodiedGramsPerGpuHour(),
                instance.idleWatts(), Reconfiguration.NONE, instance.carbonIntensity(), instance.optionList(),
                instance.sourceFile());
    }

    /** The source for another trace: the instance's column when the trace has one of that name, else the second column. */
    static CarbonIntensitySource source(Instance instance, Path traceFile) {
        String column = instance.carbonIntensity().column();
        if (column != null && !Csv.header(traceFile).contains(column)) {
            column = null;
        }
        return instance.carbonIntensity().withFile(traceFile.toAbsolutePath().normalize(), column);
    }

    static String label(Path traceFile) {
        return traceFile.getFileName().toString().replaceFirst("\\.csv$", "");
    }

    static List<Double> parseSlacks(String text, String option) {
        List<Double> slacks = new ArrayList<>();
        for (String part : text.split(",")) {
            String trimmed = part.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            try {
                double slack = Double.parseDouble(trimmed.endsWith("%") ? trimmed.substring(0, trimmed.length() - 1) : trimmed);
                if (trimmed.endsWith("%")) {
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

    static String formatSlack(double slack) {
        String text = String.format(Locale.ROOT, "%.4f", slack).replaceAll("0+$", "");
        return text.endsWith(".") ? text + "0" : text;
    }

    static String number(double value) {
        if (Double.isNaN(value)) {
            return "";
        }
        return String.format(Locale.ROOT, "%.8g", value).trim();
    }
}
