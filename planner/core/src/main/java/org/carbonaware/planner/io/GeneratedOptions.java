package org.carbonaware.planner.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import org.carbonaware.planner.model.AnalyticModel;
import org.carbonaware.planner.model.Catalogue;
import org.carbonaware.planner.model.DeviceSpec;
import org.carbonaware.planner.model.ModelSpec;
import org.carbonaware.planner.model.OptionTable;
import org.carbonaware.planner.model.Precision;
import org.carbonaware.planner.model.SearchSettings;
import org.carbonaware.planner.model.TrainingSpec;
import org.carbonaware.planner.common.JsonFields;
import org.carbonaware.planner.common.InputException;

/** Reads the "model", "cluster" and "training" blocks of an instance and generates its option table. */
final class GeneratedOptions {

    /** The cluster block: device, search grid and an optional pue. */
    record Cluster(DeviceSpec device, SearchSettings settings, Double pue) {
    }

    private GeneratedOptions() {
    }

    static Cluster parseCluster(JsonFields fields) {
        JsonFields block = fields.object("cluster");
        String gpu = block.string("gpu");
        DeviceSpec device;
        try {
            device = Catalogue.bundled().device(gpu);
        } catch (InputException e) {
            throw block.error(block.fieldPath("gpu"), e.getMessage());
        }
        if (block.has("interNodeGBpsPerGpu")) {
            device = device.withInterNodeGBpsPerGpu(block.positive("interNodeGBpsPerGpu"));
        }
        int maxGpus = block.positiveInteger("maxGpus");
        int gpuStep = block.has("gpuStep") ? block.positiveInteger("gpuStep") : 1;
        boolean powersOfTwo = block.bool("powersOfTwo", false);
        int maxMicroBatch = block.has("maxMicroBatch") ? block.positiveInteger("maxMicroBatch") : 16;
        int maxInterleave = block.has("maxInterleave") ? block.positiveInteger("maxInterleave") : 8;
        boolean fastestPerLayout = block.bool("fastestPerLayout", true);
        Double pue = block.has("pue") ? block.number("pue") : null;
        List<Double> caps = parsePowerCaps(block, device);
        block.rejectUnknownFields();
        return new Cluster(device, new SearchSettings(maxGpus, gpuStep, powersOfTwo, maxMicroBatch, maxInterleave, fastestPerLayout, caps), pue);
    }

    /**
     * {@code powerCapsWatts} (per-GPU limits in W) or {@code powerCapFractions} (shares of the device's TDP, rounded to
     * the watt), not both;
     * a cap equal to TDP is the default limit, which is always offered.
     */
    private static List<Double> parsePowerCaps(JsonFields block, DeviceSpec device) {
        boolean watts = block.has("powerCapsWatts");
        boolean fractions = block.has("powerCapFractions");
        if (watts && fractions) {
            throw block.error(block.fieldPath("powerCapFractions"), "given together with powerCapsWatts; give one of them.");
        }
        if (!watts && !fractions) {
            return List.of();
        }
        String field = watts ? "powerCapsWatts" : "powerCapFractions";
        JsonNode array = block.raw(field);
        if (!array.isArray() || array.isEmpty()) {
            throw block.error(block.fieldPath(field), "expected a non-empty JSON array of numbers, e.g. " + (watts ? "[600, 500, 400]" : "[0.85, 0.7]") + ".");
        }
        double[] range = AnalyticModel.powerCapRange(device);
        List<Double> caps = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String path = block.fieldPath(field) + "[" + i + "]";
            JsonNode item = array.get(i);
            if (!item.isNumber() || !Double.isFinite(item.asDouble())) {
                throw block.error(path, "expected a number, got " + item);
            }
            // a share of TDP is rounded to the watt, as nvidia-smi -pl takes whole watts
            double cap = watts ? item.asDouble() : Math.round(item.asDouble() * device.tdpWatts());
            if (!(cap >= range[0] && cap <= range[1])) {
                throw block.error(path, String.format(Locale.ROOT, "%s is outside %s (%.0f-100 %% of the %s's %.0f W TDP, the range the power-cap model is calibrated on).",
                        JsonFields.format(item.asDouble()), watts ? "%.0f-%.0f W".formatted(range[0], range[1])
                                : "%s-1".formatted(JsonFields.format(AnalyticModel.MIN_POWER_CAP_SHARE)),
                        100 * AnalyticModel.MIN_POWER_CAP_SHARE, device.id(), device.tdpWatts()));
            }
            if (caps.contains(cap)) {
                throw block.error(path, "repeats %s.".formatted(JsonFields.format(item.asDouble())));
            }
            if (cap < device.tdpWatts()) {
                caps.add(cap);
            }
        }
        return caps;
    }

    /** The job of a generated table: what {@code planner estimate --instance} predicts one configuration of. */
    record Job(ModelSpec model, DeviceSpec device, TrainingSpec training) {
    }

    static Job job(JsonFields fields, Cluster cluster) {
        ModelSpec model = parseModel(fields);
        return new Job(model, cluster.device(), parseTraining(fields, model));
    }

    static OptionTable generate(JsonFields fields, Cluster cluster) {
        ModelSpec model = parseModel(fields);
        TrainingSpec training = parseTraining(fields, model);
        return OptionTable.generate(model, cluster.device(), training, cluster.settings());
    }

    private static ModelSpec parseModel(JsonFields fields) {
        if (!fields.has("model")) {
            throw fields.error("model", "missing; with \"cluster\" and \"training\" the instance needs a catalogue model id or an inline model object.");
        }
        var raw = fields.raw("model");
        if (raw.isTextual()) {
            try {
                return Catalogue.bundled().model(raw.asText());
            } catch (InputException e) {
                throw fields.error("model", e.getMessage());
            }
        }
        return Catalogue.parseModel(fields.object("model"), "inline-model");
    }

    private static TrainingSpec parseTraining(JsonFields fields, ModelSpec model) {
        JsonFields block = fields.object("training");
        int sequenceLength = block.has("sequenceLength") ? block.positiveInteger("sequenceLength") : model.sequenceLength();
        boolean tokensGiven = block.has("globalBatchTokens");
        boolean sequencesGiven = block.has("globalBatchSequences");
        if (tokensGiven == sequencesGiven) {
            throw block.error(block.fieldPath("globalBatchTokens"), tokensGiven
                    ? "given together with globalBatchSequences; give one of them."
                    : "missing; give globalBatchTokens or globalBatchSequences.");
        }
        int sequences;
        if (tokensGiven) {
            double tokens = block.positive("globalBatchTokens");
            double exact = tokens / sequenceLength;
            if (exact < 1) {
                throw block.error(block.fieldPath("globalBatchTokens"), "%s is less than one %d-token sequence. Maybe use %d?"
                        .formatted(JsonFields.format(tokens), sequenceLength, sequenceLength));
            }
            if (exact != Math.rint(exact) || exact > Integer.MAX_VALUE) {
                throw block.error(block.fieldPath("globalBatchTokens"), "%s is not a whole number of %d-token sequences. Maybe use %d?"
                        .formatted(JsonFields.format(tokens), sequenceLength, Math.max(1, Math.round(exact)) * sequenceLength));
            }
            sequences = (int) exact;
        } else {
            sequences = block.positiveInteger("globalBatchSequences");
        }
        Precision precision;
        String precisionText = block.string("precision", "bf16");
        try {
            precision = Precision.parse(precisionText);
        } catch (IllegalArgumentException e) {
            throw block.error(block.fieldPath("precision"), e.getMessage() + ".");
        }
        boolean flash = block.bool("flashAttention", true);
        boolean uneven = block.bool("unevenPipelineStages", false);
        block.rejectUnknownFields();
        return new TrainingSpec(sequences, sequenceLength, precision, flash, uneven);
    }
}
