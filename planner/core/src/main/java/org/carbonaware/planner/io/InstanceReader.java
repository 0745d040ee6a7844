package org.carbonaware.planner.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.carbonaware.planner.domain.CarbonIntensitySource;
import org.carbonaware.planner.domain.Forecast;
import org.carbonaware.planner.domain.Instance;
import org.carbonaware.planner.domain.Option;
import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.domain.Reconfiguration;
import org.carbonaware.planner.domain.Signal;
import org.carbonaware.planner.model.OptionTable;
import org.carbonaware.planner.trace.CarbonTrace;
import org.carbonaware.planner.trace.CarbonTraceReader;
import org.carbonaware.planner.common.JsonFields;
import org.carbonaware.planner.common.InputException;

/** Reads instance JSON files (field names are the file format's contract) and resolves them to problems. */
public final class InstanceReader {

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private InstanceReader() {
    }

    /** An instance and, when its options were generated from "model"/"cluster"/"training", the generated table. */
    public record Loaded(Instance instance, OptionTable generatedTable) {
    }

    public static Instance read(Path file) {
        return readLoaded(file).instance();
    }

    /** Reads an instance and keeps the generated option table (with its counts before and after pruning). */
    public static Loaded readLoaded(Path file) {
        String name = file.toString();
        JsonNode root;
        try {
            root = MAPPER.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new InputException(name + ": no such instance file.");
        } catch (JsonProcessingException e) {
            var location = e.getLocation();
            throw new InputException("%s:%d:%d: not valid JSON: %s".formatted(name,
                    location == null ? 0 : location.getLineNr(), location == null ? 0 : location.getColumnNr(),
                    e.getOriginalMessage()));
        } catch (IOException e) {
            throw new InputException(name + ": cannot read the instance: " + e.getMessage());
        }
        if (root == null) {
            throw new InputException(name + ": the file is empty; expected an instance JSON object.");
        }
        return parseLoaded(root, file);
    }

    static Instance parse(JsonNode root, Path file) {
        return parseLoaded(root, file).instance();
    }

    static Loaded parseLoaded(JsonNode root, Path file) {
        JsonFields fields = new JsonFields(String.valueOf(file), "", root);
        String defaultName = file == null ? "instance" : file.getFileName().toString().replaceFirst("\\.json$", "");
        String instanceName = fields.string("name", defaultName);
        if (instanceName.isBlank() || !instanceName.matches("[A-Za-z0-9._-]+")) {
            throw fields.error("name", "\"%s\" must be non-empty and use only letters, digits, '.', '_' and '-' (it names output files)."
                    .formatted(instanceName));
        }
        Instant start = parseStart(fields);
        int epochMinutes = fields.positiveInteger("epochMinutes");
        double deadlineHours = fields.positive("deadlineHours");
        if (deadlineHours * 60.0 / epochMinutes < 1 - 1e-9) {
            throw fields.error("deadlineHours", "%s h is shorter than one epoch of %d min; there is nothing to plan."
                    .formatted(JsonFields.format(deadlineHours), epochMinutes));
        }
        JsonFields workload = fields.object("workload");
        double tokens = workload.positive("tokens");
        workload.rejectUnknownFields();
        int maxGpus = fields.has("maxGpus") ? fields.positiveInteger("maxGpus") : Integer.MAX_VALUE;
        boolean generated = fields.has("model") || fields.has("cluster") || fields.has("training");
        GeneratedOptions.Cluster cluster = null;
        if (generated) {
            if (fields.has("options")) {
                throw fields.error("options", "given together with \"model\"/\"cluster\"/\"training\"; give either an option table or the model to generate it from.");
            }
            cluster = GeneratedOptions.parseCluster(fields);
            if (cluster.pue() != null && fields.has("pue")) {
                throw fields.error("cluster.pue", "pue is also given at the top level; give it once.");
            }
        }
        double pue = cluster != null && cluster.pue() != null ? cluster.pue() : fields.number("pue", 1.0);
        if (pue < 1.0) {
            throw fields.error(cluster != null && cluster.pue() != null ? "cluster.pue" : "pue",
                    "must be >= 1.0 (facility power over IT power), got " + JsonFields.format(pue));
        }
        double embodied = fields.nonNegative("embodiedGramsPerGpuHour",
                cluster != null ? cluster.device().embodiedGramsPerGpuHour() : 0);
        double idleWatts = fields.nonNegative("idleWatts", 0);
        Reconfiguration reconfiguration = parseReconfiguration(fields, epochMinutes);
        CarbonIntensitySource source = parseCarbonIntensity(fields, file);
        List<Option> options;
        OptionTable table = null;
        if (generated) {
            table = GeneratedOptions.generate(fields, cluster);
            options = table.optionList();
            if (options.isEmpty()) {
                throw fields.error("cluster.maxGpus", "no configuration of the model fits on up to %d %s GPUs (%s). Maybe raise maxGpus, lower the micro-batch limit or use a device with more memory?"
                        .formatted(cluster.settings().maxGpus(), cluster.device().id(), table.countsLine()));
            }
            maxGpus = Math.min(maxGpus, cluster.settings().maxGpus());
            int limit = maxGpus;
            if (options.stream().noneMatch(o -> o.gpus() <= limit)) {
                throw fields.error("maxGpus", "excludes every generated option (the smallest uses %d GPUs)."
                        .formatted(options.stream().mapToInt(Option::gpus).min().orElse(0)));
            }
        } else {
            options = parseOptions(fields, maxGpus);
        }
        fields.rejectUnknownFields();
        Instance instance = new Instance(instanceName, start, epochMinutes, deadlineHours, tokens, maxGpus, pue, embodied, idleWatts,
                reconfiguration, source, options, file);
        return new Loaded(instance, table);
    }



    private static Instant parseStart(JsonFields fields) {
        String raw = fields.string("start");
        try {
            return CarbonTraceReader.parseTimestamp(raw, "instance", 0);
        } catch (InputException e) {
            throw fields.error("start", "cannot read \"%s\"; expected an ISO-8601 instant such as 2023-05-08T00:00:00Z.".formatted(raw));
        }
    }

    private static Reconfiguration parseReconfiguration(JsonFields fields, int epochMinutes) {
        if (!fields.has("reconfiguration")) {
            return Reconfiguration.NONE;
        }
        JsonFields block = fields.object("reconfiguration");
        double[] minutes = new double[3];
        String[] names = {"resumeMinutes", "dpChangeMinutes", "reshardMinutes"};
        for (int i = 0; i < names.length; i++) {
            minutes[i] = block.nonNegative(names[i], 0);
            if (minutes[i] >= epochMinutes) {
                throw block.error(block.fieldPath(names[i]), "%s lost minutes must be shorter than the %d-minute epoch. Maybe use a longer epochMinutes?"
                        .formatted(JsonFields.format(minutes[i]), epochMinutes));
            }
        }
        block.rejectUnknownFields();
        return new Reconfiguration(minutes[0], minutes[1], minutes[2]);
    }

    /** The trace, its {@code signal} and its {@code forecast}: what one site's carbon intensity is. */
    private static CarbonIntensitySource parseCarbonIntensity(JsonFields fields, Path file) {
        JsonFields block = fields.object("carbonIntensity");
        String traceFile = block.string("file");
        String column = block.string("column", null);
        block.rejectUnknownFields();
        Path base = file == null || file.toAbsolutePath().getParent() == null ? Path.of(".") : file.toAbsolutePath().getParent();
        Path tracePath = base.resolve(traceFile).normalize();
        Signal signal = ForecastFields.signal(fields, Signal.AVERAGE);
        Forecast forecast = fields.has("forecast")
                ? ForecastFields.parse(fields.object("forecast"), base, tracePath, signal) : null;
        return new CarbonIntensitySource(tracePath, column, signal, forecast);
    }

    private static List<Option> parseOptions(JsonFields fields, int maxGpus) {
        if (!fields.has("options")) {
            throw fields.error("options", "missing; an instance needs an option table. Maybe see the instance format in the README?");
        }
        List<Option> options = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (JsonFields entry : fields.objectList("options")) {
            String id = entry.string("id", null);
            int dp = entry.positiveInteger("dp");
            int tp = entry.positiveInteger("tp");
            int pp = entry.positiveInteger("pp");
            int gpus = entry.has("gpus") ? entry.positiveInteger("gpus") : dp * tp * pp;
            double tokensPerSecond = entry.positive("tokensPerSecond");
            double watts = entry.nonNegative("watts", Double.NaN);
            if (Double.isNaN(watts)) {
                throw entry.error(entry.fieldPath("watts"), "missing. Maybe see the instance format in the README?");
            }
            entry.rejectUnknownFields();
            String key = id != null ? "id " + id : "dp=%d tp=%d pp=%d".formatted(dp, tp, pp);
            String where = entry.fieldPath("").replaceAll("\\.$", "");
            String previous = seen.putIfAbsent(key, where);
            if (previous != null) {
                throw entry.error(where, "repeats %s of %s. Maybe give the options distinct \"id\" fields?".formatted(key, previous));
            }
            options.add(new Option(id, dp, tp, pp, gpus, tokensPerSecond, watts));
        }
        if (options.isEmpty()) {
            throw fields.error("options", "is empty; an instance needs at least one option.");
        }
        if (options.stream().noneMatch(o -> o.gpus() <= maxGpus)) {
            throw fields.error("maxGpus", "%d excludes every option (the smallest uses %d GPUs)."
                    .formatted(maxGpus, options.stream().mapToInt(Option::gpus).min().orElse(0)));
        }
        return options;
    }

    /** Reads the instance's trace and builds the problem the solvers work on. */
    public static Problem resolve(Instance instance) {
        CarbonIntensitySource source = instance.carbonIntensity();
        CarbonTrace trace = CarbonTraceReader.read(source.file(), source.column());
        return resolve(instance, trace);
    }

    public static Problem resolve(Instance instance, CarbonTrace trace) {
        double[] ci = trace.epochMeans(instance.start(), instance.epochMinutes(), instance.epochCount());
        return new Problem(instance, ci);
    }

    /** Reads and resolves in one step. */
    public static Problem load(Path file) {
        return resolve(read(file));
    }
}
