package org.carbonaware.planner.model;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.carbonaware.planner.common.InputException;
import org.carbonaware.planner.common.JsonFields;

/** The device and model catalogues bundled as {@code catalogue/devices.json} and {@code catalogue/models.json}. */
public final class Catalogue {

    private static final ObjectMapper MAPPER = JsonMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();
    private static volatile Catalogue bundled;

    private final Map<String, DeviceSpec> deviceMap;
    private final Map<String, ModelSpec> modelMap;

    public Catalogue(Map<String, DeviceSpec> deviceMap, Map<String, ModelSpec> modelMap) {
        this.deviceMap = Map.copyOf(deviceMap);
        this.modelMap = Map.copyOf(modelMap);
    }

    /** The catalogue shipped with the planner. */
    public static Catalogue bundled() {
        Catalogue result = bundled;
        if (result == null) {
            result = new Catalogue(readDevices(load("catalogue/devices.json")), readModels(load("catalogue/models.json")));
            bundled = result;
        }
        return result;
    }

    private static JsonFields load(String resource) {
        try (InputStream in = Catalogue.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing bundled resource " + resource);
            }
            return new JsonFields(resource, "", MAPPER.readTree(in));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read bundled resource " + resource + ": " + e.getMessage(), e);
        }
    }

    public Collection<DeviceSpec> devices() {
        return deviceMap.values().stream().sorted((a, b) -> a.id().compareTo(b.id())).toList();
    }

    public Collection<ModelSpec> models() {
        return modelMap.values().stream().sorted((a, b) -> a.id().compareTo(b.id())).toList();
    }

    public DeviceSpec device(String id) {
        DeviceSpec device = deviceMap.get(id);
        if (device == null) {
            throw new InputException("unknown GPU '%s'. Maybe one of %s?".formatted(id, deviceMap.keySet().stream().sorted().toList()));
        }
        return device;
    }

    public ModelSpec model(String id) {
        ModelSpec model = modelMap.get(id);
        if (model == null) {
            throw new InputException("unknown model '%s'. Maybe one of %s?".formatted(id, modelMap.keySet().stream().sorted().toList()));
        }
        return model;
    }

    static Map<String, DeviceSpec> readDevices(JsonFields root) {
        root.string("_about", "");
        JsonFields defaults = root.object("defaults");
        double logic = defaults.positive("logicKgPerCm2");
        double hbm = defaults.positive("hbmKgPerGB");
        double lifetime = defaults.positive("lifetimeYears");
        double voltageFloor = defaults.positive("voltageFloorClockShare");
        double unthrottled = defaults.positive("unthrottledPowerRatio");
        Map<String, String> defaultSources = sources(defaults);
        defaults.rejectUnknownFields();
        Map<String, DeviceSpec> map = new LinkedHashMap<>();
        for (JsonFields entry : root.objectList("devices")) {
            Map<String, String> sourceMap = new LinkedHashMap<>(defaultSources);
            sourceMap.putAll(sources(entry));
            DeviceSpec device = new DeviceSpec(entry.string("id"), entry.string("name"), entry.positive("peakTflops"),
                    entry.nonNegative("peakTflopsFp8", 0), entry.positive("memoryGiB"), entry.positive("hbmGBps"),
                    entry.positive("nvlinkGBps"), entry.positive("interNodeGBpsPerGpu"), entry.positiveInteger("gpusPerNode"),
                    entry.positive("tdpWatts"), entry.nonNegative("idleWatts", 0), entry.nonNegative("hostWattsPerNode", 0),
                    entry.positive("dieAreaMm2"), entry.string("processNode"), entry.number("logicKgPerCm2", logic),
                    entry.number("hbmKgPerGB", hbm), entry.nonNegative("hostKgPerNode", 0), entry.number("lifetimeYears", lifetime),
                    entry.number("voltageFloorClockShare", voltageFloor), entry.number("unthrottledPowerRatio", unthrottled), sourceMap);
            entry.rejectUnknownFields();
            if (map.put(device.id(), device) != null) {
                throw entry.error(entry.fieldPath("id"), "repeats device id " + device.id());
            }
        }
        root.rejectUnknownFields();
        return map;
    }

    private static Map<String, String> sources(JsonFields fields) {
        Map<String, String> map = new LinkedHashMap<>();
        if (!fields.has("sources")) {
            return map;
        }
        JsonNode node = fields.raw("sources");
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            var e = it.next();
            map.put(e.getKey(), e.getValue().asText());
        }
        return map;
    }

    static Map<String, ModelSpec> readModels(JsonFields root) {
        root.string("_about", "");
        Map<String, ModelSpec> map = new LinkedHashMap<>();
        for (JsonFields entry : root.objectList("models")) {
            ModelSpec model = parseModel(entry, null);
            if (map.put(model.id(), model) != null) {
                throw entry.error(entry.fieldPath("id"), "repeats model id " + model.id());
            }
        }
        root.rejectUnknownFields();
        return map;
    }

    /** The model's source, with where its dropout setting is stated ({@code dropoutSource}) when given. */
    private static String source(JsonFields entry) {
        String source = entry.string("source", "user");
        String dropoutSource = entry.string("dropoutSource", null);
        return dropoutSource == null ? source : source + "; dropout: " + dropoutSource;
    }

    /** Reads one model object (catalogue entry or inline in an instance file); unknown fields are errors. */
    public static ModelSpec parseModel(JsonFields entry, String defaultId) {
        String id = entry.string("id", defaultId);
        if (id == null) {
            throw entry.error(entry.fieldPath("id"), "missing. Maybe give the model a short id such as \"my-13b\"?");
        }
        int heads = entry.positiveInteger("heads");
        int hidden = entry.positiveInteger("hidden");
        try {
            ModelSpec model = new ModelSpec(id, entry.string("name", id), entry.positiveInteger("layers"), hidden, heads,
                    entry.has("kvHeads") ? entry.positiveInteger("kvHeads") : heads,
                    entry.has("ffn") ? entry.positiveInteger("ffn") : 4 * hidden,
                    entry.positiveInteger("vocab"), entry.bool("gatedFfn", false),
                    entry.has("experts") ? entry.positiveInteger("experts") : 1,
                    entry.has("expertsPerToken") ? entry.positiveInteger("expertsPerToken") : 1,
                    entry.bool("tiedEmbeddings", false), entry.bool("dropout", ModelSpec.DEFAULT_DROPOUT),
                    entry.has("sequenceLength") ? entry.positiveInteger("sequenceLength") : 2048,
                    source(entry));
            entry.rejectUnknownFields();
            return model;
        } catch (IllegalArgumentException e) {
            throw entry.error(entry.fieldPath("").replaceAll("\\.$", ""), e.getMessage() + ".");
        }
    }
}
