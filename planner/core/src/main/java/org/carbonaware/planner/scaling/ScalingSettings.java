package org.carbonaware.planner.scaling;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Settings of one study run; {@link #header()} is printed at the top of every output file.
 *
 * @param deviceIds catalogue devices to evaluate
 * @param projectionYears years ahead of B100 to extrapolate (empty = none)
 * @param cpaGrowth yearly growth of carbon per area for the EUV variants of the projections; 0 = no EUV variants
 * @param qat also evaluate every device with quantisation-aware training
 */
public record ScalingSettings(List<String> deviceIds, int dModelFrom, int dModelTo, double maxDays, double gramsPerKwh,
                              double pue, double lifetimeYears, List<Integer> projectionYears, double cpaGrowth, boolean qat,
                              BatchScaling batchScaling, int sequenceLength) {

    /** The device the projections start from (CarbonScaling section 5.3). */
    public static final String PROJECTION_BASE = "B100";

    public ScalingSettings {
        deviceIds = List.copyOf(deviceIds);
        projectionYears = List.copyOf(projectionYears);
    }

    public Map<String, String> header() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("gpus", String.join(",", deviceIds));
        map.put("dModel", dModelFrom + ":" + dModelTo);
        map.put("maxDays", fmt(maxDays));
        map.put("gramsPerKwh", fmt(gramsPerKwh));
        map.put("pue", fmt(pue));
        map.put("lifetimeYears", fmt(lifetimeYears));
        map.put("projection", projectionYears.isEmpty() ? "none"
                : String.join(",", projectionYears.stream().map(y -> y + "y").toList()));
        map.put("projectionBase", PROJECTION_BASE);
        map.put("cpaGrowth", fmt(cpaGrowth));
        map.put("qat", qat ? "true (" + HardwareVariants.QAT_BITS + "-bit)" : "false");
        map.put("batchScaling", batchScaling.label());
        map.put("sequenceLength", Integer.toString(sequenceLength));
        map.put("vocab", Integer.toString(ScalingLaws.VOCAB));
        map.put("tokensPerParameter", fmt(org.carbonaware.planner.model.ModelGenerator.CHINCHILLA_TOKENS_PER_PARAMETER));
        map.put("denseBelowParams", fmt(ScalingLaws.DENSE_LIMIT_PARAMS));
        map.put("moeGranularity", Integer.toString(ScalingLaws.MOE_GRANULARITY));
        map.put("moeExperts", "dModel/" + ScalingLaws.D_MODEL_PER_EXPERT);
        map.put("loss", "c + (g/G^gamma + a)/N^alpha + b/D^beta; a=%s alpha=%s b=%s beta=%s g=%s gamma=%s c=%s".formatted(
                fmt(ScalingLaws.LOSS_A), fmt(ScalingLaws.LOSS_ALPHA), fmt(ScalingLaws.LOSS_B), fmt(ScalingLaws.LOSS_BETA),
                fmt(ScalingLaws.LOSS_G), fmt(ScalingLaws.LOSS_GAMMA), fmt(ScalingLaws.LOSS_C)));
        map.put("criticalBatchTokens", "%s * %s^%s * (C/%s)^%s".formatted(fmt(ScalingLaws.DEEPSEEK_BATCH_COEFFICIENT),
                fmt(ScalingLaws.BATCH_ANCHOR_FLOPS), fmt(ScalingLaws.DEEPSEEK_BATCH_EXPONENT), fmt(ScalingLaws.BATCH_ANCHOR_FLOPS),
                fmt(batchScaling.exponent())));
        map.put("deviceCounts", "2^k and 3*2^k from max(1, ideal, memory floor) up to " + DeviceSearch.MAX_DEVICES);
        map.put("deviceCatalogue", "bundled catalogue/devices.json (peak, memory, bandwidths, TDP, idle, die area, CPA, host)");
        map.put("operational", "devices x (idle + (TDP - idle) x activity + host watts per node / devices per node) x hours x PUE x CI");
        map.put("embodied", "devices x (die area x logic CPA + HBM GB x HBM CPA + host kg per node / devices per node) / lifetime x hours");
        map.put("utilisation", "model FLOPs utilisation (MFU) of the chosen layout");
        map.put("ideal", "model FLOPs at peak x (TDP - idle) x PUE x CI; no host power, no embodied carbon");
        map.put("qatModel", "compute, memory capacity, HBM and link bandwidth x 16/" + HardwareVariants.QAT_BITS
                + "; power, embodied carbon and loss unchanged");
        map.put("carbonUnit", "kg CO2e; fits use kg");
        return map;
    }

    static String fmt(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }
}
