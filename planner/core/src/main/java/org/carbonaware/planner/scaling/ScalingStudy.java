package org.carbonaware.planner.scaling;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;

import org.carbonaware.planner.model.Catalogue;
import org.carbonaware.planner.model.DeviceSpec;
import org.carbonaware.planner.model.Estimate;
import org.carbonaware.planner.model.ModelSpec;
import org.carbonaware.planner.model.Precision;
import org.carbonaware.planner.model.TrainingSpec;

/**
 * The CarbonScaling study: for every device variant and model size, generate the architecture, tokens, batch and
 * loss, find the minimal device count and fastest layout within the time limit (Algorithm 1) and account operational
 * (eq. 3-4) and embodied (eq. 5) carbon; then fit loss = k CO2^-alpha per variant.
 */
public final class ScalingStudy {

    /** Rows and fits of one run. */
    public record Result(ScalingSettings settings, List<DeviceSpec> variants, List<ScalingRow> rows, List<FitRow> fits) {
    }

    private ScalingStudy() {
    }

    /** The devices evaluated: the chosen catalogue devices, the projections of B100, and their QAT variants. */
    public static List<DeviceSpec> variants(ScalingSettings settings, Catalogue catalogue) {
        List<DeviceSpec> plain = new ArrayList<>();
        for (String id : settings.deviceIds()) {
            plain.add(HardwareVariants.withLifetime(catalogue.device(id), settings.lifetimeYears()));
        }
        if (!settings.projectionYears().isEmpty()) {
            DeviceSpec base = HardwareVariants.withLifetime(catalogue.device(ScalingSettings.PROJECTION_BASE), settings.lifetimeYears());
            for (int years : settings.projectionYears()) {
                String id = base.id() + "+" + years + "y";
                plain.add(HardwareVariants.project(base, years, 0, id));
                if (settings.cpaGrowth() > 0) {
                    plain.add(HardwareVariants.project(base, years, settings.cpaGrowth(), id + "-EUV"));
                }
            }
        }
        List<DeviceSpec> all = new ArrayList<>();
        for (DeviceSpec device : plain) {
            all.add(device);
            if (settings.qat()) {
                all.add(HardwareVariants.qat(device));
            }
        }
        return all;
    }

    public static Result run(ScalingSettings settings, Catalogue catalogue, Consumer<String> progress) {
        List<DeviceSpec> variants = variants(settings, catalogue);
        List<Integer> sizes = ScalingLaws.dModelLadder(settings.dModelFrom(), settings.dModelTo());
        List<ScalingRow> rows = new ArrayList<>();
        for (DeviceSpec device : variants) {
            for (int dModel : sizes) {
                ScalingRow row = evaluate(settings, device, dModel);
                rows.add(row);
                progress.accept(row.feasible()
                        ? "scaling: %s d_model %d (%.3gB params): %d devices, %.1f days, MFU %.2f, %.4g t CO2e".formatted(
                                device.id(), dModel, row.params() / 1e9, row.devices(), row.days(), row.utilisation(), row.totalKg() / 1000)
                        : "scaling: %s d_model %d (%.3gB params): %s".formatted(device.id(), dModel, row.params() / 1e9, row.status()));
            }
        }
        return new Result(settings, variants, rows, fits(variants, rows));
    }

    public static ScalingRow evaluate(ScalingSettings settings, DeviceSpec device, int dModel) {
        ModelSpec model = ScalingLaws.architecture(dModel, settings.sequenceLength());
        double tokens = ScalingLaws.chinchillaTokens(model);
        double flops = ScalingLaws.trainingFlops(model, tokens);
        int batch = ScalingLaws.batchSequences(flops, settings.batchScaling(), settings.sequenceLength());
        double loss = ScalingLaws.loss(model, tokens);
        TrainingSpec training = new TrainingSpec(batch, settings.sequenceLength(), Precision.BF16, true, false);
        double idealKg = idealKg(model, device, training, tokens, settings);
        Optional<DeviceSearch.Found> found = DeviceSearch.search(model, device, training, tokens, settings.maxDays());
        if (found.isEmpty()) {
            double nan = Double.NaN;
            String status = "infeasible: no layout up to %d devices fits in memory and finishes within %s days"
                    .formatted(DeviceSearch.MAX_DEVICES, ScalingSettings.fmt(settings.maxDays()));
            return new ScalingRow(device.id(), dModel, model.layers(), model.experts(), model.expertsPerToken(), model.totalParams(),
                    model.activeParams(), tokens, flops, batch, loss, status, 0, 0, 0, 0, 0, 0, 0, 0, "", nan, nan, nan, nan,
                    nan, nan, idealKg);
        }
        Estimate e = found.get().estimate();
        double days = found.get().days();
        double hours = days * 24.0;
        // Eq. 3-4: devices at idle + (TDP - idle) x activity, plus their share of the servers' host power. The share is
        // per device (host watts / devices per node), not per started node, so a 1-device job is not charged a whole server.
        double watts = e.gpus() * (e.wattsPerGpu() + device.hostWattsPerNode() / device.gpusPerNode());
        double itKwh = watts * hours / 1000.0;
        double operationalKg = itKwh * settings.pue() * settings.gramsPerKwh() / 1000.0;
        double embodiedKg = e.embodiedGramsPerHour() * hours / 1000.0;
        var c = e.config();
        return new ScalingRow(device.id(), dModel, model.layers(), model.experts(), model.expertsPerToken(), model.totalParams(),
                model.activeParams(), tokens, flops, batch, loss, "ok", e.gpus(), c.tp(), c.pp(), c.dp(), c.ep(), c.zeroStage(),
                c.microBatch(), c.interleave(), c.recompute().label(), days, e.mfu(), e.power().gpuActivity(),
                itKwh * settings.pue() / 1000.0, operationalKg, embodiedKg, idealKg);
    }

    /** Model FLOPs at the device's peak, dynamic power (TDP - idle) only, PUE and CI; no host power, no embodied carbon. */
    static double idealKg(ModelSpec model, DeviceSpec device, TrainingSpec training, double tokens, ScalingSettings settings) {
        double deviceSeconds = model.modelFlopsPerToken(training.sequenceLength()) * tokens / device.peakFlops(training.precision());
        double kwh = deviceSeconds * (device.tdpWatts() - device.idleWatts()) / 3.6e6;
        return kwh * settings.pue() * settings.gramsPerKwh() / 1000.0;
    }

    static List<FitRow> fits(List<DeviceSpec> variants, List<ScalingRow> rows) {
        List<FitRow> fits = new ArrayList<>();
        for (DeviceSpec device : variants) {
            List<ScalingRow> mine = rows.stream().filter(r -> r.variant().equals(device.id()) && r.feasible()).toList();
            addFit(fits, device.id(), "total", mine, ScalingRow::totalKg);
            addFit(fits, device.id(), "noEmbodied", mine, ScalingRow::operationalKg);
            addFit(fits, device.id(), "ideal", mine, ScalingRow::idealKg);
        }
        return fits;
    }

    private static void addFit(List<FitRow> fits, String variant, String curve, List<ScalingRow> rows, ToDoubleFunction<ScalingRow> carbon) {
        List<ScalingRow> usable = rows.stream().filter(r -> carbon.applyAsDouble(r) > 0).toList();
        if (usable.size() < 2 || usable.stream().mapToDouble(carbon).distinct().count() < 2) {
            return;
        }
        double[] x = usable.stream().mapToDouble(carbon).toArray();
        double[] y = usable.stream().mapToDouble(ScalingRow::loss).toArray();
        fits.add(new FitRow(variant, curve, PowerLawFit.fit(x, y)));
    }
}
