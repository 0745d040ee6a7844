package org.carbonaware.planner.io;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.carbonaware.planner.domain.Availability;
import org.carbonaware.planner.domain.CarbonIntensitySource;
import org.carbonaware.planner.domain.CurtailmentRule;
import org.carbonaware.planner.domain.Federation;
import org.carbonaware.planner.domain.Forecast;
import org.carbonaware.planner.domain.Instance;
import org.carbonaware.planner.domain.Option;
import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.domain.Provisioning;
import org.carbonaware.planner.domain.Reconfiguration;
import org.carbonaware.planner.domain.Signal;
import org.carbonaware.planner.domain.Site;
import org.carbonaware.planner.domain.Window;
import org.carbonaware.planner.model.OptionTable;
import org.carbonaware.planner.trace.CarbonTrace;
import org.carbonaware.planner.trace.CarbonTraceReader;
import org.carbonaware.planner.trace.CurtailmentWindows;
import org.carbonaware.planner.common.JsonFields;
import org.carbonaware.planner.common.InputException;

/** Reads instance JSON files (field names are the file format's contract) and resolves them to problems. */
public final class InstanceReader {

    private static final String WAN_HINT = "the WAN bandwidth between the sites in Gbit/s, e.g. 10?";

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private InstanceReader() {
    }

    /**
     * An instance and, per site, the option table generated from "model"/"cluster"/"training" (null for a site with
     * an inline table).
     */
    public record Loaded(Instance instance, List<OptionTable> generatedTableList) {

        public Loaded {
            generatedTableList = java.util.Collections.unmodifiableList(new ArrayList<>(generatedTableList));
        }

        /** The generated table of a one-site instance, or null. */
        public OptionTable generatedTable() {
            return generatedTableList.get(0);
        }
    }

    public static Instance read(Path file) {
        return readLoaded(file).instance();
    }

    /** Reads an instance and keeps the generated option table (with its counts before and after pruning). */
    public static Loaded readLoaded(Path file) {
        return parseLoaded(readRoot(file), file);
    }

    /** The instance file's JSON tree; a missing, unreadable, empty or malformed file is an input error naming it. */
    private static JsonNode readRoot(Path file) {
        String name = file.toString();
        JsonNode root = JsonFiles.readTree(MAPPER, file, "instance");
        if (root == null) {
            throw new InputException(name + ": the file is empty; expected an instance JSON object.");
        }
        return root;
    }

    /**
     * The model, device and training of an instance that generates its options ("model", "cluster", "training"; with
     * sites, the first site that has a cluster), for predicting one configuration of that job.
     */
    public static Job job(Path file) {
        String name = file.toString();
        JsonNode root = readRoot(file);
        if (!root.isObject()) {
            throw new InputException(name + ": expected an instance JSON object.");
        }
        JsonFields fields = new JsonFields(name, "", root);
        JsonFields clusterFields = fields;
        if (fields.has("sites")) {
            clusterFields = null;
            JsonNode sites = fields.raw("sites");
            for (int i = 0; sites.isArray() && i < sites.size() && clusterFields == null; i++) {
                if (sites.get(i).has("cluster")) {
                    clusterFields = new JsonFields(name, "sites[" + i + "]", sites.get(i));
                }
            }
        }
        if (clusterFields == null || !clusterFields.has("cluster")) {
            throw new InputException(name + ": field 'cluster': missing; estimate --instance needs an instance that generates its options from \"model\", \"cluster\" and \"training\". Maybe give --model, --gpu and --global-batch instead?");
        }
        GeneratedOptions.Job job = GeneratedOptions.job(fields, GeneratedOptions.parseCluster(clusterFields));
        return new Job(job.model(), job.device(), job.training());
    }

    /** See {@link #job(Path)}. */
    public record Job(org.carbonaware.planner.model.ModelSpec model, org.carbonaware.planner.model.DeviceSpec device,
                      org.carbonaware.planner.model.TrainingSpec training) {
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
        Instance instance;
        List<OptionTable> tables = new ArrayList<>();
        if (fields.has("sites")) {
            instance = parseSites(fields, file, instanceName, start, epochMinutes, deadlineHours, tokens, tables);
        } else {
            ParsedSite site = parseSite(fields, fields, file, epochMinutes, null);
            tables.add(site.table());
            fields.rejectUnknownFields();
            instance = new Instance(instanceName, start, epochMinutes, deadlineHours, tokens, List.of(site.site()), 1,
                    site.site().maxGpus(), Federation.NONE, file);
        }
        return new Loaded(instance, tables);
    }

    private record ParsedSite(Site site, OptionTable table) {
    }

    private static Instance parseSites(JsonFields fields, Path file, String instanceName, Instant start, int epochMinutes,
            double deadlineHours, double tokens, List<OptionTable> tables) {
        List<JsonFields> entries = fields.objectList("sites");
        if (entries.isEmpty()) {
            throw fields.error("sites", "is empty; a multi-site instance needs at least one site.");
        }
        // The job's model and training, shared by every site that generates its options from a cluster.
        fields.has("model");
        fields.has("training");
        List<Site> sites = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            JsonFields entry = entries.get(i);
            String siteName = entry.string("name");
            if (siteName.isBlank() || !siteName.matches("[A-Za-z0-9._-]+")) {
                throw entry.error(entry.fieldPath("name"), "\"%s\" must be non-empty and use only letters, digits, '.', '_' and '-'."
                        .formatted(siteName));
            }
            Integer previous = seen.putIfAbsent(siteName, i);
            if (previous != null) {
                throw entry.error(entry.fieldPath("name"), "site \"%s\" is already sites[%d]; site names must be unique. Maybe rename one of them?"
                        .formatted(siteName, previous));
            }
            JsonFields site = new JsonFields(fields.file(), "sites[" + siteName + "]", fields.raw("sites").get(i));
            site.string("name");
            ParsedSite parsed = parseSite(site, fields, file, epochMinutes, siteName);
            sites.add(parsed.site());
            tables.add(parsed.table());
        }
        int maxTotalGpus = fields.has("maxGpus") ? fields.positiveInteger("maxGpus") : Integer.MAX_VALUE;
        int maxActiveSites = fields.has("maxActiveSites") ? fields.positiveInteger("maxActiveSites") : sites.size();
        Federation federation = parseFederation(fields, sites);
        fields.rejectUnknownFields();
        return new Instance(instanceName, start, epochMinutes, deadlineHours, tokens, sites, maxActiveSites,
                maxTotalGpus, federation, file);
    }

    /**
     * One site's fields: the top level of a classic file ({@code siteName} null) or one entry of "sites".
     * {@code job} holds the model and training a site's cluster generates its options from when the site gives none.
     */
    private static ParsedSite parseSite(JsonFields fields, JsonFields job, Path file, int epochMinutes, String siteName) {
        boolean classic = siteName == null;
        int maxGpus = fields.has("maxGpus") ? fields.positiveInteger("maxGpus") : Integer.MAX_VALUE;
        boolean generated = classic ? fields.has("model") || fields.has("cluster") || fields.has("training") : fields.has("cluster");
        JsonFields modelFields = classic || fields.has("model") || fields.has("training") ? fields : job;
        if (!classic && !generated && (fields.has("model") || fields.has("training"))) {
            throw fields.error(fields.fieldPath("cluster"), "missing; a site's model and training generate options only from its cluster.");
        }
        GeneratedOptions.Cluster cluster = null;
        if (generated) {
            if (fields.has("options")) {
                throw fields.error(fields.fieldPath("options"), "given together with \"model\"/\"cluster\"/\"training\"; give either an option table or the model to generate it from.");
            }
            cluster = GeneratedOptions.parseCluster(fields);
            if (cluster.pue() != null && fields.has("pue")) {
                throw fields.error(fields.fieldPath("cluster.pue"), "pue is also given at the " + (classic ? "top level" : "site") + "; give it once.");
            }
        }
        double pue = cluster != null && cluster.pue() != null ? cluster.pue() : fields.number("pue", 1.0);
        if (pue < 1.0) {
            throw fields.error(fields.fieldPath(cluster != null && cluster.pue() != null ? "cluster.pue" : "pue"),
                    "must be >= 1.0 (facility power over IT power), got " + JsonFields.format(pue));
        }
        double embodied = fields.nonNegative("embodiedGramsPerGpuHour",
                cluster != null ? cluster.device().embodiedGramsPerGpuHour() : 0);
        double idleWatts = fields.nonNegative("idleWatts", 0);
        Reconfiguration reconfiguration = parseReconfiguration(fields, epochMinutes);
        Provisioning provisioning = parseProvisioning(fields, epochMinutes, idleWatts, reconfiguration);
        CarbonIntensitySource source = parseCarbonIntensity(fields, file);
        Availability availability = parseAvailability(fields, file);
        double wanBitsPerSecond = fields.has("wanGbps") ? fields.positive("wanGbps", WAN_HINT) * 1e9 : Double.NaN;
        List<Option> options;
        OptionTable table = null;
        if (generated) {
            table = GeneratedOptions.generate(modelFields, cluster);
            options = table.optionList();
            if (options.isEmpty()) {
                throw fields.error(fields.fieldPath("cluster.maxGpus"), "no configuration of the model fits on up to %d %s GPUs (%s). Maybe raise maxGpus, lower the micro-batch limit or use a device with more memory?"
                        .formatted(cluster.settings().maxGpus(), cluster.device().id(), table.countsLine()));
            }
            maxGpus = Math.min(maxGpus, cluster.settings().maxGpus());
            int limit = maxGpus;
            if (options.stream().noneMatch(o -> o.gpus() <= limit)) {
                throw fields.error(fields.fieldPath("maxGpus"), "excludes every generated option (the smallest uses %d GPUs)."
                        .formatted(options.stream().mapToInt(Option::gpus).min().orElse(0)));
            }
        } else {
            options = parseOptions(fields, maxGpus);
        }
        if (!classic) {
            fields.rejectUnknownFields();
        }
        Site site = new Site(classic ? Instance.SINGLE_SITE_NAME : siteName, source, options, maxGpus, pue, embodied,
                idleWatts, reconfiguration, provisioning, availability, wanBitsPerSecond);
        return new ParsedSite(site, table);
    }

    private static Provisioning parseProvisioning(JsonFields fields, int epochMinutes, double idleWatts,
            Reconfiguration reconfiguration) {
        double provision = fields.nonNegative("provisionMinutes", 0);
        double deprovision = fields.nonNegative("deprovisionMinutes", 0);
        double watts = fields.nonNegative("provisionWatts", idleWatts);
        if (provision + reconfiguration.resumeMinutes() >= epochMinutes) {
            throw fields.error(fields.fieldPath("provisionMinutes"), "%s plus resumeMinutes %s must be shorter than the %d-minute epoch. Maybe use a longer epochMinutes?"
                    .formatted(JsonFields.format(provision), JsonFields.format(reconfiguration.resumeMinutes()), epochMinutes));
        }
        if (deprovision > epochMinutes) {
            throw fields.error(fields.fieldPath("deprovisionMinutes"), "%s must be at most the %d-minute epoch. Maybe use a longer epochMinutes?"
                    .formatted(JsonFields.format(deprovision), epochMinutes));
        }
        return new Provisioning(provision, deprovision, watts);
    }

    private static Availability parseAvailability(JsonFields fields, Path file) {
        JsonNode raw = fields.raw("availability");
        if (raw == null || raw.isNull()) {
            return Availability.ALWAYS;
        }
        if (raw.isArray()) {
            return Availability.windows(parseWindows(fields, "availability"));
        }
        JsonFields block = fields.object("availability");
        if (block.has("windows")) {
            List<Window> windows = parseWindows(block, "windows");
            block.rejectUnknownFields();
            return Availability.windows(windows);
        }
        if (!block.has("thresholdGramsPerKwh")) {
            throw block.error(block.fieldPath("thresholdGramsPerKwh"), "missing; availability is a list of {from, to} windows or {thresholdGramsPerKwh, hysteresisMinutes, carbonIntensity}.");
        }
        double threshold = block.nonNegative("thresholdGramsPerKwh", CurtailmentRule.DEFAULT_THRESHOLD_GRAMS_PER_KWH);
        double hysteresis = block.nonNegative("hysteresisMinutes", CurtailmentRule.DEFAULT_HYSTERESIS_MINUTES);
        CarbonIntensitySource windowSignal = block.has("carbonIntensity") ? parseCarbonIntensity(block, file) : null;
        block.rejectUnknownFields();
        return Availability.curtailment(new CurtailmentRule(threshold, hysteresis, windowSignal));
    }

    private static List<Window> parseWindows(JsonFields fields, String field) {
        List<Window> windows = new ArrayList<>();
        for (JsonFields entry : fields.objectList(field)) {
            Instant from = instant(entry, "from");
            Instant to = instant(entry, "to");
            if (!to.isAfter(from)) {
                throw entry.error(entry.fieldPath("to"), "%s is not after from %s.".formatted(to, from));
            }
            entry.rejectUnknownFields();
            windows.add(new Window(from, to));
        }
        return windows;
    }

    private static Instant instant(JsonFields fields, String field) {
        String raw = fields.string(field);
        try {
            return CarbonTraceReader.parseTimestamp(raw, "instance", 0);
        } catch (InputException e) {
            throw fields.error(fields.fieldPath(field), "cannot read \"%s\"; expected an ISO-8601 instant such as 2023-05-08T00:00:00Z.".formatted(raw));
        }
    }

    private static Federation parseFederation(JsonFields fields, List<Site> sites) {
        if (!fields.has("federation")) {
            return Federation.NONE;
        }
        JsonFields block = fields.object("federation");
        double efficiency = block.number("tokenEfficiency", Federation.DEFAULT_TOKEN_EFFICIENCY);
        if (!(efficiency > 0 && efficiency <= 1)) {
            throw block.error(block.fieldPath("tokenEfficiency"), "must be in (0, 1] (a federated token counts at most as a synchronous one), got "
                    + JsonFields.format(efficiency) + ". Maybe 1 (the default: federated steps train as synchronous ones do) or a measured ratio such as 0.9?");
        }
        double roundMinutes = block.has("roundMinutes")
                ? block.positive("roundMinutes", "the minutes between synchronisations, e.g. 10 (the curtailment study's shortest round)?") : 0;
        boolean switchAtRounds = block.bool("switchAtRoundBoundaries", false);
        if (switchAtRounds && roundMinutes == 0) {
            throw block.error(block.fieldPath("roundMinutes"), "missing; switchAtRoundBoundaries needs the round length.");
        }
        boolean factorGiven = block.has("throughputFactor");
        boolean bytesGiven = block.has("modelBytes");
        double factor = Double.NaN;
        double modelBytes = Double.NaN;
        double wanBitsPerSecond = block.has("wanGbps") ? block.positive("wanGbps", WAN_HINT) * 1e9 : Double.NaN;
        if (factorGiven == bytesGiven) {
            throw block.error(block.fieldPath("throughputFactor"), factorGiven
                    ? "given together with modelBytes; give the factor or the synchronisation it follows from."
                    : "missing; give throughputFactor in (0, 1] or modelBytes with wanGbps and roundMinutes.");
        }
        if (factorGiven) {
            factor = block.number("throughputFactor");
            if (!(factor > 0 && factor <= 1)) {
                throw block.error(block.fieldPath("throughputFactor"), "must be in (0, 1] (share of a federated epoch spent training), got "
                        + JsonFields.format(factor) + ". Maybe 0.8 (the curtailment study's federated/solo rate), or 1 for no overhead?");
            }
        } else {
            modelBytes = block.positive("modelBytes", "the bytes synchronised per round, e.g. 1.4e11 for 70B parameters in 16 bits?");
            if (roundMinutes == 0) {
                throw block.error(block.fieldPath("roundMinutes"), "missing; modelBytes is synchronised once per round.");
            }
            for (Site site : sites) {
                if (Double.isNaN(site.wanBitsPerSecond()) && Double.isNaN(wanBitsPerSecond)) {
                    throw block.error(block.fieldPath("wanGbps"), "missing; site \"%s\" gives no wanGbps of its own either.".formatted(site.name()));
                }
            }
        }
        block.rejectUnknownFields();
        return new Federation(factor, efficiency, roundMinutes, switchAtRounds, modelBytes, wanBitsPerSecond);
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
        double[] minutes = new double[4];
        String[] names = {"resumeMinutes", "dpChangeMinutes", "reshardMinutes", "capChangeMinutes"};
        for (int i = 0; i < names.length; i++) {
            minutes[i] = block.nonNegative(names[i], 0);
            if (minutes[i] >= epochMinutes) {
                throw block.error(block.fieldPath(names[i]), "%s lost minutes must be shorter than the %d-minute epoch. Maybe use a longer epochMinutes?"
                        .formatted(JsonFields.format(minutes[i]), epochMinutes));
            }
        }
        block.rejectUnknownFields();
        return new Reconfiguration(minutes[0], minutes[1], minutes[2], minutes[3]);
    }

    /** The trace, its {@code signal} and its {@code forecast}: what one site's carbon intensity is. */
    private static CarbonIntensitySource parseCarbonIntensity(JsonFields fields, Path file) {
        JsonFields block = fields.object("carbonIntensity");
        String traceFile = block.string("file");
        String column = block.string("column", null);
        Double maxGapMinutes = block.has("maxGapMinutes") ? block.positive("maxGapMinutes") : null;
        block.rejectUnknownFields();
        Path base = file == null || file.toAbsolutePath().getParent() == null ? Path.of(".") : file.toAbsolutePath().getParent();
        Path tracePath = base.resolve(traceFile).normalize();
        Signal signal = ForecastFields.signal(fields, Signal.AVERAGE);
        Forecast forecast = fields.has("forecast")
                ? ForecastFields.parse(fields.object("forecast"), base, tracePath, signal) : null;
        return new CarbonIntensitySource(tracePath, column, signal, forecast, maxGapMinutes);
    }

    private static List<Option> parseOptions(JsonFields fields, int maxGpus) {
        if (!fields.has("options")) {
            throw fields.error(fields.fieldPath("options"), "missing; an instance needs an option table. Maybe see the instance format in the README?");
        }
        List<Option> options = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (JsonFields entry : fields.objectList("options")) {
            String id = entry.string("id", null);
            int dp = entry.positiveInteger("dp");
            int tp = entry.positiveInteger("tp");
            int pp = entry.positiveInteger("pp");
            long layoutGpus = (long) dp * tp * pp;
            int gpus = entry.has("gpus") ? entry.positiveInteger("gpus") : (int) Math.min(Integer.MAX_VALUE, layoutGpus);
            if (gpus < layoutGpus) {
                // More GPUs than the layout needs are spares (drawing power, charged embodied carbon); fewer cannot run it.
                throw entry.error(entry.fieldPath("gpus"), "%d is below dp*tp*pp = %d*%d*%d = %d; the layout needs that many GPUs. Maybe set gpus to %d or more (extra GPUs count as spares)?"
                        .formatted(gpus, dp, tp, pp, layoutGpus, layoutGpus));
            }
            double tokensPerSecond = entry.positive("tokensPerSecond");
            double watts = entry.nonNegative("watts", Double.NaN);
            if (Double.isNaN(watts)) {
                throw entry.error(entry.fieldPath("watts"), "missing. Maybe see the instance format in the README?");
            }
            Double cap = entry.has("powerCapWatts") ? entry.positive("powerCapWatts") : null;
            entry.rejectUnknownFields();
            String key = id != null ? "id " + id
                    : "dp=%d tp=%d pp=%d".formatted(dp, tp, pp) + (cap != null ? " powerCapWatts=" + JsonFields.format(cap) : "");
            String where = entry.fieldPath("").replaceAll("\\.$", "");
            String previous = seen.putIfAbsent(key, where);
            if (previous != null) {
                throw entry.error(where, "repeats %s of %s. Maybe give the options distinct \"id\" fields?".formatted(key, previous));
            }
            options.add(new Option(id, dp, tp, pp, gpus, tokensPerSecond, watts, cap));
        }
        if (options.isEmpty()) {
            throw fields.error(fields.fieldPath("options"), "is empty; an instance needs at least one option.");
        }
        if (options.stream().noneMatch(o -> o.gpus() <= maxGpus)) {
            throw fields.error(fields.fieldPath("maxGpus"), "%d excludes every option (the smallest uses %d GPUs)."
                    .formatted(maxGpus, options.stream().mapToInt(Option::gpus).min().orElse(0)));
        }
        return options;
    }

    /** Reads every site's trace (and curtailment signal) and builds the problem the solvers work on. */
    public static Problem resolve(Instance instance) {
        return resolve(instance, readTraces(instance));
    }

    /** Every site's trace, in site order. */
    public static List<CarbonTrace> readTraces(Instance instance) {
        List<CarbonTrace> traces = new ArrayList<>();
        for (Site site : instance.siteList()) {
            traces.add(readTrace(instance, site, site.carbonIntensity(), "carbonIntensity"));
        }
        return traces;
    }

    /** A one-site instance on the given trace. */
    public static Problem resolve(Instance instance, CarbonTrace trace) {
        return resolve(instance, List.of(trace));
    }

    /** The problem on one trace per site (in site order). */
    public static Problem resolve(Instance instance, List<CarbonTrace> traces) {
        int sites = instance.siteCount();
        double[][] ci = new double[sites][];
        boolean[][] available = null;
        int filledEpochs = 0;
        for (int s = 0; s < sites; s++) {
            Site site = instance.site(s);
            EpochMeans means = epochMeans(instance, site, traces.get(s));
            ci[s] = means.gramsPerKwh();
            filledEpochs += means.filledEpochs();
            if (!site.availability().always()) {
                if (available == null) {
                    available = new boolean[sites][];
                }
                available[s] = availability(instance, site, traces.get(s));
            }
        }
        FiniteFigures.check(instance, ci);
        if (available != null) {
            for (int s = 0; s < sites; s++) {
                if (available[s] == null) {
                    available[s] = new boolean[instance.epochCount()];
                    java.util.Arrays.fill(available[s], true);
                }
            }
        }
        return new Problem(instance, ci, available).withFilledEpochs(filledEpochs);
    }

    private static boolean[] availability(Instance instance, Site site, CarbonTrace siteTrace) {
        Availability availability = site.availability();
        List<Window> windows = availability.windowList();
        if (windows == null) {
            CurtailmentRule rule = availability.rule();
            CarbonTrace signal = rule.source() == null ? siteTrace
                    : readTrace(instance, site, rule.source(), "availability.carbonIntensity");
            windows = CurtailmentWindows.of(signal, rule);
        }
        return CurtailmentWindows.epochsInside(windows, instance.start(), instance.epochMinutes(), instance.epochCount());
    }

    private static CarbonTrace readTrace(Instance instance, Site site, CarbonIntensitySource source, String field) {
        try {
            return CarbonTraceReader.read(source.file(), source.column());
        } catch (InputException e) {
            throw instance.multiSite() ? siteError(instance, site, field, e) : e;
        }
    }

    /** A site's epoch carbon intensities and the epochs of them carried across a trace gap. */
    private record EpochMeans(double[] gramsPerKwh, int filledEpochs) {
    }

    /** Gaps beyond the site's maxGapMinutes and a trace short of the horizon are errors naming the site. */
    private static EpochMeans epochMeans(Instance instance, Site site, CarbonTrace trace) {
        try {
            int filled = trace.checkGaps(instance.start(), instance.epochMinutes(), instance.epochCount(),
                    site.carbonIntensity().maxGapMinutes(), "carbonIntensity.maxGapMinutes");
            return new EpochMeans(trace.epochMeans(instance.start(), instance.epochMinutes(), instance.epochCount()), filled);
        } catch (InputException e) {
            throw instance.multiSite() ? siteError(instance, site, "carbonIntensity", e) : e;
        }
    }

    private static InputException siteError(Instance instance, Site site, String field, InputException cause) {
        return new InputException("%s: site \"%s\", field 'sites[%s].%s': %s".formatted(
                instance.sourceFile() == null ? instance.name() : instance.sourceFile(), site.name(), site.name(), field,
                cause.getMessage()));
    }

    /** Reads and resolves in one step. */
    public static Problem load(Path file) {
        return resolve(read(file));
    }
}
