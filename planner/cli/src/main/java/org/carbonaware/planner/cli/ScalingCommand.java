package org.carbonaware.planner.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.carbonaware.planner.common.InputException;
import org.carbonaware.planner.model.Catalogue;
import org.carbonaware.planner.scaling.BatchScaling;
import org.carbonaware.planner.scaling.FitRow;
import org.carbonaware.planner.scaling.ScalingLaws;
import org.carbonaware.planner.scaling.ScalingReport;
import org.carbonaware.planner.scaling.ScalingSettings;
import org.carbonaware.planner.scaling.ScalingStudy;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code planner scaling}: the CarbonScaling study of loss against training carbon across sizes and hardware. */
@Command(name = "scaling", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"CarbonScaling study: for every d_model of the ladder and every device, the minimal device count and fastest "
                + "parallel layout within the time limit, its operational and embodied carbon, and the fit loss = k * CO2^-alpha. "
                + "Writes scaling.csv, fits.csv, settings.txt, loss-vs-carbon.svg and embodied-share.svg; prints the fits on stdout "
                + "and progress on stderr. See benchmarks/scaling/README.md."})
public final class ScalingCommand implements Callable<Integer> {

    @CommandLine.Option(names = "--gpus", split = ",", paramLabel = "ID[,ID...]",
            defaultValue = "V100-32GB,A100-80GB,H100-80GB,B100,TPUv4,TPUv5p",
            description = "Catalogue devices (default: ${DEFAULT-VALUE}).")
    List<String> gpus;

    @CommandLine.Option(names = "--d-model", paramLabel = "FROM:TO", defaultValue = "1536:24576",
            description = "d_model range; the values 2^k and 3*2^k (multiples of 128) inside it are evaluated (default: ${DEFAULT-VALUE}).")
    String dModel;

    @CommandLine.Option(names = "--max-days", defaultValue = "90", paramLabel = "DAYS", description = "Training time limit (default: ${DEFAULT-VALUE}).")
    double maxDays;

    @CommandLine.Option(names = "--ci", defaultValue = "323", paramLabel = "GRAMS_PER_KWH",
            description = "Grid carbon intensity (default: ${DEFAULT-VALUE}, us-east5 as in the paper).")
    double gramsPerKwh;

    @CommandLine.Option(names = "--pue", defaultValue = "1.1", paramLabel = "X", description = "Data-centre PUE (default: ${DEFAULT-VALUE}).")
    double pue;

    @CommandLine.Option(names = "--lifetime-years", defaultValue = "6", paramLabel = "YEARS",
            description = "Hardware lifetime for amortising embodied carbon (default: ${DEFAULT-VALUE}).")
    double lifetimeYears;

    @CommandLine.Option(names = "--projection", defaultValue = "none", paramLabel = "none|Ny[,Ny...]",
            description = "Future B100 variants, e.g. 5y,10y (default: ${DEFAULT-VALUE}).")
    String projection;

    @CommandLine.Option(names = "--cpa-growth", defaultValue = "0.10", paramLabel = "RATE",
            description = "Yearly carbon-per-area growth of the EUV variants of projections; 0 = no EUV variants (default: ${DEFAULT-VALUE}).")
    double cpaGrowth;

    @CommandLine.Option(names = "--qat", description = "Also evaluate every device with 8-bit quantisation-aware training.")
    boolean qat;

    @CommandLine.Option(names = "--batch-scaling", defaultValue = "standard", paramLabel = "standard|aggressive",
            description = "Critical batch size rule: C^(1/6) or C^0.3271 (default: ${DEFAULT-VALUE}).")
    String batchScaling;

    @CommandLine.Option(names = "--seq-length", defaultValue = "2048", paramLabel = "TOKENS", description = "Sequence length (default: ${DEFAULT-VALUE}).")
    int sequenceLength;

    @CommandLine.Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        ScalingSettings settings = settings();
        Catalogue catalogue = Catalogue.bundled();
        for (String id : settings.deviceIds()) {
            catalogue.device(id);
        }
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        long started = System.nanoTime();
        ScalingStudy.Result result = ScalingStudy.run(settings, catalogue, line -> {
            err.println(line);
            err.flush();
        });
        List<Path> files = ScalingReport.write(result, out);
        err.printf(Locale.ROOT, "scaling: %d rows in %.1f s; wrote %s%n", result.rows().size(), (System.nanoTime() - started) / 1e9,
                String.join(", ", files.stream().map(Path::toString).toList()));
        stdout.println("variant,curve,k,alpha,rSquared,points");
        for (FitRow fit : result.fits()) {
            stdout.printf(Locale.ROOT, "%s,%s,%.6g,%.6g,%.4f,%d%n", fit.variant(), fit.curve(), fit.fit().k(), fit.fit().alpha(),
                    fit.fit().rSquared(), fit.fit().points());
        }
        stdout.flush();
        return 0;
    }

    ScalingSettings settings() {
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(gpus.stream().map(String::trim).filter(s -> !s.isEmpty()).toList()));
        if (ids.isEmpty()) {
            throw new InputException("--gpus: no device given. Maybe --gpus B100,H100-80GB?");
        }
        String[] range = dModel.split(":");
        int from;
        int to;
        try {
            if (range.length != 2) {
                throw new NumberFormatException();
            }
            from = Integer.parseInt(range[0].trim().replace("_", ""));
            to = Integer.parseInt(range[1].trim().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new InputException("--d-model: expected FROM:TO, got '%s'. Maybe --d-model 1536:24576?".formatted(dModel));
        }
        if (from < 128 || to < from) {
            throw new InputException("--d-model: need 128 <= FROM <= TO, got '%s'. Maybe --d-model 1536:24576?".formatted(dModel));
        }
        if (ScalingLaws.dModelLadder(from, to).isEmpty()) {
            throw new InputException("--d-model: no value 2^k or 3*2^k (a multiple of 128) lies in %s. Maybe --d-model 1536:3072?".formatted(dModel));
        }
        positive("--max-days", maxDays);
        if (!(gramsPerKwh >= 0) || Double.isInfinite(gramsPerKwh)) {
            throw new InputException("--ci: must be a finite number >= 0 g/kWh, got " + gramsPerKwh + ". Maybe --ci 323?");
        }
        if (!(pue >= 1) || Double.isInfinite(pue)) {
            throw new InputException("--pue: must be >= 1, got " + pue + ". Maybe --pue 1.1?");
        }
        positive("--lifetime-years", lifetimeYears);
        if (!(cpaGrowth >= 0) || cpaGrowth > 10) {
            throw new InputException("--cpa-growth: must be in 0..10 (a yearly rate), got " + cpaGrowth + ". Maybe --cpa-growth 0.10?");
        }
        if (sequenceLength < 1) {
            throw new InputException("--seq-length: must be >= 1, got " + sequenceLength + ". Maybe --seq-length 2048?");
        }
        BatchScaling rule = switch (batchScaling.trim().toLowerCase(Locale.ROOT)) {
            case "standard" -> BatchScaling.STANDARD;
            case "aggressive" -> BatchScaling.AGGRESSIVE;
            default -> throw new InputException("--batch-scaling: unknown rule '%s'. Maybe standard or aggressive?".formatted(batchScaling));
        };
        return new ScalingSettings(ids, from, to, maxDays, gramsPerKwh, pue, lifetimeYears, projectionYears(projection), cpaGrowth,
                qat, rule, sequenceLength);
    }

    static List<Integer> projectionYears(String text) {
        List<Integer> years = new ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.trim().toLowerCase(Locale.ROOT);
            if (p.isEmpty() || p.equals("none")) {
                continue;
            }
            try {
                int value = Integer.parseInt(p.endsWith("y") ? p.substring(0, p.length() - 1) : p);
                if (value < 1 || value > 30) {
                    throw new NumberFormatException();
                }
                if (!years.contains(value)) {
                    years.add(value);
                }
            } catch (NumberFormatException e) {
                throw new InputException("--projection: '%s' is not none or a number of years 1..30 such as 5y. Maybe --projection none,5y,10y?"
                        .formatted(part.trim()));
            }
        }
        return years;
    }

    private static void positive(String option, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new InputException("%s: must be a finite number > 0, got %s.".formatted(option, value));
        }
    }
}
