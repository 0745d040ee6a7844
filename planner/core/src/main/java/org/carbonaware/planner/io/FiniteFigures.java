package org.carbonaware.planner.io;

import java.util.List;
import java.util.Locale;

import org.carbonaware.planner.common.InputException;
import org.carbonaware.planner.domain.Instance;
import org.carbonaware.planner.domain.Option;
import org.carbonaware.planner.domain.Site;

/**
 * Rejects, before any solver runs, an instance whose grams or tokens over the horizon cannot be summed finitely:
 * each field is finite on its own, but a product such as watts × pue × carbon intensity, or its sum over the
 * epochs, can overflow to infinity, and then objectives become "Infinity" and bounds prove false infeasibilities.
 */
final class FiniteFigures {

    /** Largest grams or tokens any state may reach over the horizon: far beyond physics, far inside a double. */
    static final double LIMIT = 1e30;

    private FiniteFigures() {
    }

    /**
     * @param carbonIntensity [site][epoch] gCO2eq/kWh
     */
    static void check(Instance instance, double[][] carbonIntensity) {
        String file = instance.sourceFile() == null ? instance.name() : instance.sourceFile().toString();
        int epochs = instance.epochCount();
        double hours = instance.epochMinutes() / 60.0;
        for (int s = 0; s < instance.siteCount(); s++) {
            Site site = instance.site(s);
            String prefix = instance.multiSite() ? "sites[" + site.name() + "]." : "";
            int peak = 0;
            for (int t = 1; t < epochs; t++) {
                if (carbonIntensity[s][t] > carbonIntensity[s][peak]) {
                    peak = t;
                }
            }
            double peakCi = carbonIntensity[s][peak];
            String ci = "carbon intensity up to %s gCO2eq/kWh (epoch %d, %s)".formatted(format(peakCi), peak,
                    site.carbonIntensity().file().getFileName());
            List<Option> options = site.optionList();
            for (int i = 0; i < options.size(); i++) {
                Option option = options.get(i);
                // A generated table has no options field; the label names the configuration either way.
                String where = prefix + "options[" + i + "]";
                String label = "option " + option.label() + ": ";
                double operational = option.watts() * site.pue() * hours / 1000 * peakCi;
                if (!fits(operational, epochs)) {
                    String culprit = culprit(option, site.pue(), peakCi);
                    throw error(file, culprit.equals("pue") ? prefix + "pue" : culprit.equals("ci") ? prefix + "carbonIntensity" : where,
                            "%swatts %s × pue %s at %s gives %s g per epoch, %s g over %d epochs; the figures of a plan must stay below %s. Maybe check the units of %s?"
                                    .formatted(label, format(option.watts()), format(site.pue()), ci, format(operational),
                                            format(operational * epochs), epochs, format(LIMIT),
                                            culprit.equals("ci") ? "the trace" : culprit));
                }
                double embodied = option.gpus() * site.embodiedGramsPerGpuHour() * hours;
                if (!fits(embodied, epochs)) {
                    throw error(file, prefix + "embodiedGramsPerGpuHour",
                            "%s g/GPU-hour for the %d GPUs of option %s gives %s g per epoch, %s g over %d epochs; the figures of a plan must stay below %s. Maybe check its units?"
                                    .formatted(format(site.embodiedGramsPerGpuHour()), option.gpus(), option.label(), format(embodied),
                                            format(embodied * epochs), epochs, format(LIMIT)));
                }
                if (!fits(operational + embodied, epochs)) {
                    throw error(file, where, "%soperational %s g plus embodied %s g per epoch exceed %s over %d epochs. Maybe check the units of watts and embodiedGramsPerGpuHour?"
                            .formatted(label, format(operational), format(embodied), format(LIMIT), epochs));
                }
                double tokens = option.tokensPerSecond() * 60 * instance.epochMinutes();
                if (!fits(tokens, epochs)) {
                    throw error(file, where, "%stokensPerSecond %s gives %s tokens per epoch, %s over %d epochs; the figures of a plan must stay below %s. Maybe check its units?"
                            .formatted(label, format(option.tokensPerSecond()), format(tokens), format(tokens * epochs), epochs, format(LIMIT)));
                }
            }
            for (String field : List.of("idleWatts", "provisionWatts")) {
                double watts = field.equals("idleWatts") ? site.idleWatts() : site.provisioning().watts();
                double grams = watts * site.pue() * hours / 1000 * peakCi;
                if (!fits(grams, epochs)) {
                    throw error(file, prefix + field, "%s W × pue %s at %s gives %s g per epoch, %s over %d epochs; the figures of a plan must stay below %s. Maybe check its units?"
                            .formatted(format(watts), format(site.pue()), ci, format(grams), format(grams * epochs), epochs, format(LIMIT)));
                }
            }
        }
    }

    private static boolean fits(double perEpoch, int epochs) {
        return Double.isFinite(perEpoch) && perEpoch * Math.max(1, epochs) <= LIMIT;
    }

    /** Which factor of watts × pue × carbon intensity lies furthest beyond a plausible value. */
    private static String culprit(Option option, double pue, double ci) {
        double watts = option.watts() / (5000.0 * option.gpus());
        double facility = pue / 5.0;
        double grid = ci / 5000.0;
        if (watts >= facility && watts >= grid) {
            return "watts";
        }
        return facility >= grid ? "pue" : "ci";
    }

    private static InputException error(String file, String field, String problem) {
        return new InputException("%s: field '%s': %s".formatted(file, field, problem));
    }

    /** A number short enough to read: integers up to 1e15 as they are, everything else with 4 significant digits. */
    static String format(double value) {
        if (Double.isInfinite(value)) {
            return value > 0 ? "more than 1.8e+308 (overflow)" : "less than -1.8e+308 (overflow)";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        if (Math.abs(value) >= 1e-4 && Math.abs(value) < 1e15) {
            return new java.math.BigDecimal(String.format(Locale.ROOT, "%.4g", value)).stripTrailingZeros().toPlainString();
        }
        return String.format(Locale.ROOT, "%.4g", value);
    }
}
