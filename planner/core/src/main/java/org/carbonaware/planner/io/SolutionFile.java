package org.carbonaware.planner.io;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.carbonaware.planner.domain.Option;
import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.solve.Gap;
import org.carbonaware.planner.solve.SolveResult;
import org.carbonaware.planner.validate.EpochResult;
import org.carbonaware.planner.validate.Evaluation;
import org.carbonaware.planner.validate.EpochClaim;
import org.carbonaware.planner.validate.SiteTotals;
import org.carbonaware.planner.domain.SiteEpoch;
import org.carbonaware.planner.validate.StoredSolution;
import org.carbonaware.planner.common.AtomicFiles;
import org.carbonaware.planner.common.Csv;
import org.carbonaware.planner.common.InputException;

/**
 * The solution file format: a JSON document with the plan and its totals, and a per-epoch CSV beside it.
 * Totals are always the validator's recomputation, never a solver's own numbers.
 */
public final class SolutionFile {

    private static final JsonMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private SolutionFile() {
    }

    /** Builds the solution JSON for a result whose plan was re-scored as {@code evaluation} (may be null). */
    public static ObjectNode toJson(Problem problem, SolveResult result, Evaluation evaluation) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("instance", problem.name());
        root.put("signal", problem.instance().signalLabel());
        root.put("solver", result.solver());
        root.put("solverVersion", result.solverVersion());
        root.put("status", result.status().name());
        if (result.message() != null) {
            root.put("message", result.message());
        }
        ObjectNode objective = root.putObject("objective");
        if (evaluation != null) {
            objective.put("totalKg", evaluation.totalKg());
            objective.put("operationalKg", evaluation.operationalKg());
            objective.put("embodiedKg", evaluation.embodiedKg());
        }
        putNumber(root, "bestBoundKg", result.bestBoundKg());
        putNumber(root, "gap", evaluation == null ? Double.NaN : Gap.relative(evaluation.totalKg(), result.bestBoundKg()));
        root.put("solveSeconds", result.solveSeconds());
        putNumber(root, "firstFeasibleSeconds", result.firstFeasibleSeconds());
        root.put("workers", result.workers());
        root.put("seed", result.seed());
        // Every option the solver declares with the value this run used (given or default; null: absent).
        ObjectNode options = root.putObject("options");
        result.options().forEach((key, value) -> options.set(key, tree(value)));
        if (evaluation != null) {
            putNumber(root, "finishHours", evaluation.finishHours());
            root.put("energyKwh", evaluation.energyKwh());
            root.put("gpuHours", evaluation.gpuHours());
            root.put("tokens", evaluation.tokens());
            root.put("workloadTokens", evaluation.workloadTokens());
            root.put("tokensPerKg", evaluation.tokensPerKg());
            root.put("reconfigurations", evaluation.reconfigurations());
            ObjectNode kinds = root.putObject("reconfigurationKinds");
            kinds.put("resumes", evaluation.resumes());
            kinds.put("dpChanges", evaluation.dpChanges());
            kinds.put("reshards", evaluation.reshards());
            kinds.put("capChanges", evaluation.capChanges());
        }
        ObjectNode statistics = root.putObject("statistics");
        result.statistics().forEach((key, value) -> statistics.set(key, tree(value)));
        // Read with the traces, so every writer (plan, bench, sweep, pareto, simulate) states it.
        statistics.put("filledEpochs", problem.filledEpochs());
        if (evaluation != null && problem.siteCount() > 1) {
            root.put("federatedEpochs", evaluation.federatedEpochs());
            ArrayNode sites = root.putArray("sites");
            for (SiteTotals totals : evaluation.siteTotalList()) {
                ObjectNode node = sites.addObject();
                node.put("site", totals.site());
                node.put("signal", problem.instance().site(sites.size() - 1).carbonIntensity().signal().label());
                node.put("tokens", totals.tokens());
                node.put("energyKwh", totals.energyKwh());
                node.put("operationalKg", totals.operationalKg());
                node.put("embodiedKg", totals.embodiedKg());
                node.put("gpuHours", totals.gpuHours());
                node.put("runningHours", totals.runningHours());
                node.put("joins", totals.joins());
            }
        }
        // Past JSON_EPOCHS_LIMIT epochs the per-epoch detail is in the CSV only, so the JSON stays proportionate
        // to the plan (a year of hourly epochs: a few hundred runs) rather than to the horizon.
        boolean perEpoch = evaluation == null || evaluation.epochList().size() <= JSON_EPOCHS_LIMIT;
        ArrayNode epochs = perEpoch ? root.putArray("epochs") : null;
        if (evaluation != null && perEpoch) {
            for (EpochResult epoch : evaluation.epochList()) {
                ObjectNode node = epochs.addObject();
                node.put("index", epoch.index());
                node.put("start", epoch.start().toString());
                if (problem.siteCount() == 1) {
                    SiteEpoch site = epoch.siteList().get(0);
                    putOption(node, site.running() ? problem.siteOptionList(0).get(site.option()) : null);
                    node.put("gpus", epoch.gpus());
                    node.put("lostMinutes", epoch.lostMinutes());
                    node.put("tokens", epoch.tokens());
                    node.put("carbonIntensity", epoch.carbonIntensity());
                } else {
                    node.put("federated", epoch.federated());
                    node.put("gpus", epoch.gpus());
                    node.put("tokens", epoch.tokens());
                    ArrayNode sites = node.putArray("sites");
                    for (SiteEpoch site : epoch.siteList()) {
                        ObjectNode siteNode = putSite(sites, problem, site);
                        siteNode.put("lostMinutes", site.lostMinutes());
                        siteNode.put("tokens", site.tokens());
                        siteNode.put("carbonIntensity", site.carbonIntensity());
                        siteNode.put("energyKwh", site.energyKwh());
                        siteNode.put("operationalKg", site.operationalGrams() / 1000.0);
                        siteNode.put("embodiedKg", site.embodiedGrams() / 1000.0);
                    }
                }
                node.put("energyKwh", epoch.energyKwh());
                node.put("operationalKg", epoch.operationalKg());
                node.put("embodiedKg", epoch.embodiedKg());
            }
        }
        if (evaluation != null) {
            putRuns(root.putArray("runs"), problem, evaluation);
        }
        return root;
    }

    /** Epochs beyond which the solution JSON holds only the run-length encoded plan ({@code runs}). */
    public static final int JSON_EPOCHS_LIMIT = 4096;

    /**
     * The plan run-length encoded: one entry per maximal stretch of consecutive epochs in which every site keeps
     * its option (or stays paused), with the first epoch's index and start and the stretch's length.
     */
    private static void putRuns(ArrayNode runs, Problem problem, Evaluation evaluation) {
        List<EpochResult> epochList = evaluation.epochList();
        int first = 0;
        for (int t = 1; t <= epochList.size(); t++) {
            if (t < epochList.size() && sameOptions(epochList.get(t - 1), epochList.get(t))) {
                continue;
            }
            EpochResult epoch = epochList.get(first);
            ObjectNode node = runs.addObject();
            node.put("firstEpoch", epoch.index());
            node.put("epochs", t - first);
            node.put("start", epoch.start().toString());
            if (problem.siteCount() == 1) {
                SiteEpoch site = epoch.siteList().get(0);
                putOption(node, site.running() ? problem.siteOptionList(0).get(site.option()) : null);
                node.put("gpus", site.gpus());
            } else {
                ArrayNode sites = node.putArray("sites");
                for (SiteEpoch site : epoch.siteList()) {
                    putSite(sites, problem, site);
                }
            }
            first = t;
        }
    }

    /** One site's entry of an epoch or run: its name, option (null when off) and GPUs. */
    private static ObjectNode putSite(ArrayNode sites, Problem problem, SiteEpoch site) {
        ObjectNode siteNode = sites.addObject();
        siteNode.put("site", problem.site(site.site()).name());
        putOption(siteNode, site.running() ? problem.siteOptionList(site.site()).get(site.option()) : null);
        siteNode.put("gpus", site.gpus());
        return siteNode;
    }

    private static boolean sameOptions(EpochResult a, EpochResult b) {
        for (int k = 0; k < a.siteList().size(); k++) {
            SiteEpoch x = a.siteList().get(k);
            SiteEpoch y = b.siteList().get(k);
            if (x.running() != y.running() || x.running() && x.option() != y.option()) {
                return false;
            }
        }
        return true;
    }

    private static void putOption(ObjectNode node, Option option) {
        if (option == null) {
            node.putNull("option");
            return;
        }
        ObjectNode optionNode = node.putObject("option");
        if (option.id() != null) {
            optionNode.put("id", option.id());
        }
        optionNode.put("dp", option.dp());
        optionNode.put("tp", option.tp());
        optionNode.put("pp", option.pp());
        if (option.powerCapWatts() != null) {
            optionNode.put("powerCapWatts", option.powerCapWatts());
        }
    }

    /** A value as JSON; a non-finite number becomes null (JSON has no NaN or Infinity). */
    private static JsonNode tree(Object value) {
        if (value instanceof Double d && !Double.isFinite(d) || value instanceof Float f && !Float.isFinite(f)) {
            return MAPPER.nullNode();
        }
        JsonNode node = MAPPER.valueToTree(value);
        return node == null ? MAPPER.nullNode() : node;
    }

    private static void putNumber(ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) {
            node.put(field, value);
        } else {
            node.putNull(field);
        }
    }

    static final List<String> EPOCH_COLUMNS = List.of("index", "start", "option", "dp", "tp", "pp", "gpus", "lostMinutes",
            "tokens", "carbonIntensity", "energyKwh", "operationalKg", "embodiedKg");

    /** One row per epoch; with several sites one row per epoch and site, with the site's name after the start. */
    public static String toCsv(Problem problem, Evaluation evaluation) {
        boolean multiSite = problem.siteCount() > 1;
        List<String> columns = new ArrayList<>(EPOCH_COLUMNS);
        if (multiSite) {
            columns.add(2, "site");
        }
        List<List<Object>> rows = new ArrayList<>();
        for (EpochResult epoch : evaluation.epochList()) {
            for (SiteEpoch site : epoch.siteList()) {
                Option option = site.running() ? problem.siteOptionList(site.site()).get(site.option()) : null;
                List<Object> row = new ArrayList<>(Arrays.asList(epoch.index(), epoch.start(),
                        option == null ? (multiSite ? "off" : "pause") : option.label(),
                        option == null ? null : option.dp(), option == null ? null : option.tp(), option == null ? null : option.pp(),
                        site.gpus(), number(site.lostMinutes()), number(site.tokens()), number(site.carbonIntensity()),
                        number(site.energyKwh()), number(site.operationalGrams() / 1000.0), number(site.embodiedGrams() / 1000.0)));
                if (multiSite) {
                    row.add(2, problem.site(site.site()).name());
                }
                rows.add(row);
            }
        }
        return Csv.format(columns, rows);
    }

    private static final java.util.regex.Pattern TRAILING_ZEROS = java.util.regex.Pattern.compile("\\.?0+(e|$)");

    private static String number(double value) {
        return TRAILING_ZEROS.matcher(String.format(Locale.ROOT, "%.10g", value)).replaceFirst("$1");
    }

    /** The per-epoch CSV path beside a solution JSON path. */
    public static Path csvPath(Path jsonPath) {
        String fileName = jsonPath.getFileName().toString();
        String stem = fileName.endsWith(".json") ? fileName.substring(0, fileName.length() - 5) : fileName;
        return jsonPath.resolveSibling(stem + ".epochs.csv");
    }

    /**
     * Writes the JSON and, when there is a plan, the CSV beside it: both to temporaries first, then the CSV renamed
     * and the JSON last, so a JSON file means a complete pair; on a failure neither is left behind.
     */
    public static void write(Path jsonPath, Problem problem, SolveResult result, Evaluation evaluation) {
        Map<Path, byte[]> files = new LinkedHashMap<>();
        if (evaluation != null) {
            files.put(csvPath(jsonPath), toCsv(problem, evaluation).getBytes(StandardCharsets.UTF_8));
        }
        files.put(jsonPath, toJsonText(problem, result, evaluation).getBytes(StandardCharsets.UTF_8));
        AtomicFiles.writeAll(files);
    }

    /** The solution JSON as written, with a final newline. */
    public static String toJsonText(Problem problem, SolveResult result, Evaluation evaluation) {
        try {
            return MAPPER.writeValueAsString(toJson(problem, result, evaluation)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode readTree(Path file) {
        return JsonFiles.readTree(MAPPER, file, "solution");
    }

    public static StoredSolution read(Path file) {
        JsonNode root = readTree(file);
        String name = file.toString();
        if (root == null || !root.isObject()) {
            throw new InputException(name + ": expected a solution JSON object.");
        }
        JsonNode epochs = root.get("epochs");
        List<EpochClaim> claims;
        if (epochs == null && root.get("runs") != null) {
            claims = runClaims(name, root.get("runs"));
        } else if (epochs == null || !epochs.isArray()) {
            throw new InputException(name + ": field 'epochs': missing or not an array; a solution needs its per-epoch plan"
                    + " ('epochs', or 'runs' where the per-epoch list is left to the CSV). Maybe the file is not a solution JSON?");
        } else {
            claims = epochClaims(name, epochs);
        }
        // Every figure the file states, by its path; a present value that is not a finite number is kept as NaN.
        Map<String, Double> totals = new LinkedHashMap<>();
        JsonNode objective = root.get("objective");
        if (objective != null && objective.isObject()) {
            stated(objective, List.of("totalKg", "operationalKg", "embodiedKg")).forEach((k, v) -> totals.put("objective." + k, v));
        } else if (objective != null) {
            totals.put("objective", Double.NaN);
        }
        totals.putAll(stated(root, List.of("finishHours", "energyKwh", "gpuHours", "tokens", "workloadTokens", "tokensPerKg",
                "reconfigurations", "federatedEpochs")));
        for (String field : List.of("bestBoundKg", "gap")) {
            // null is how a file says "no bound" (a baseline's plan); text is not a figure.
            JsonNode value = root.get(field);
            if (value != null && !value.isNull()) {
                totals.put(field, value.isNumber() && Double.isFinite(value.asDouble()) ? value.asDouble() : Double.NaN);
            }
        }
        JsonNode kinds = root.get("reconfigurationKinds");
        if (kinds != null && kinds.isObject()) {
            stated(kinds, List.of("resumes", "dpChanges", "reshards", "capChanges"))
                    .forEach((k, v) -> totals.put("reconfigurationKinds." + k, v));
        } else if (kinds != null) {
            totals.put("reconfigurationKinds", Double.NaN);
        }
        return new StoredSolution(text(root, "instance"), text(root, "solver"), text(root, "status"), claims, totals);
    }

    /** Longest plan a {@code runs} list may expand to; far beyond any horizon, it only stops a runaway count. */
    private static final long MAX_RUN_EPOCHS = 10_000_000;

    /**
     * The claims of a run-length encoded plan: each run's options repeated for its epochs, indexed from its
     * {@code firstEpoch} (the validator reports gaps and overlaps as wrong epoch indices), the start stated once.
     */
    private static List<EpochClaim> runClaims(String name, JsonNode runs) {
        if (!runs.isArray()) {
            throw new InputException(name + ": field 'runs': expected an array of {firstEpoch, epochs, option}. Maybe write the plan as 'epochs'?");
        }
        List<EpochClaim> claims = new ArrayList<>();
        long total = 0;
        for (int i = 0; i < runs.size(); i++) {
            JsonNode run = runs.get(i);
            String path = "runs[" + i + "]";
            if (!run.isObject()) {
                throw new InputException(name + ": field '" + path + "': expected an object {firstEpoch, epochs, option}.");
            }
            int firstEpoch = wholeNumber(name, path + ".firstEpoch", run.get("firstEpoch"), 0);
            int length = wholeNumber(name, path + ".epochs", run.get("epochs"), 1);
            total += length;
            if (total > MAX_RUN_EPOCHS) {
                throw new InputException("%s: field '%s.epochs': the runs add up to over %d epochs. Maybe a run's length is wrong?"
                        .formatted(name, path, MAX_RUN_EPOCHS));
            }
            // A run states no figures: the validator recomputes them from the options.
            List<EpochClaim.SiteClaim> sites = siteClaims(name, path, run, Map.of(), false);
            String start = run.has("start") ? run.get("start").asText() : null;
            for (int k = 0; k < length; k++) {
                claims.add(new EpochClaim(firstEpoch + k, k == 0 ? start : null, sites, Map.of()));
            }
        }
        return claims;
    }

    private static int wholeNumber(String name, String path, JsonNode value, int minimum) {
        if (value == null || !value.canConvertToInt() || value.asInt() < minimum) {
            throw new InputException("%s: field '%s': expected a whole number >= %d, got %s. Maybe the run list was edited by hand?"
                    .formatted(name, path, minimum, value));
        }
        return value.asInt();
    }

    private static List<EpochClaim> epochClaims(String name, JsonNode epochs) {
        List<EpochClaim> claims = new ArrayList<>();
        for (int i = 0; i < epochs.size(); i++) {
            JsonNode epoch = epochs.get(i);
            String path = "epochs[" + i + "]";
            if (!epoch.isObject()) {
                throw new InputException(name + ": field '" + path + "': expected an object.");
            }
            int index = epoch.has("index") && epoch.get("index").canConvertToInt() ? epoch.get("index").asInt() : i;
            Map<String, Double> stated = stated(epoch, EPOCH_FIGURES);
            String start = epoch.has("start") ? epoch.get("start").asText() : null;
            claims.add(new EpochClaim(index, start, siteClaims(name, path, epoch, stated, true), stated));
        }
        return claims;
    }

    /**
     * The site claims of an epoch or run: one per entry of its {@code sites}, or its single {@code option}.
     *
     * @param stated the one-site figures; {@code siteFigures}: read each site's stated figures too
     */
    private static List<EpochClaim.SiteClaim> siteClaims(String name, String path, JsonNode node, Map<String, Double> stated,
                                                         boolean siteFigures) {
        List<EpochClaim.SiteClaim> sites = new ArrayList<>();
        JsonNode siteArray = node.get("sites");
        if (siteArray != null && !siteArray.isNull()) {
            if (!siteArray.isArray()) {
                throw new InputException(name + ": field '" + path + ".sites': expected an array of {site, option}.");
            }
            for (int k = 0; k < siteArray.size(); k++) {
                JsonNode siteNode = siteArray.get(k);
                String sitePath = path + ".sites[" + k + "]";
                if (!siteNode.isObject() || !siteNode.has("site") || !siteNode.get("site").isTextual()) {
                    throw new InputException(name + ": field '" + sitePath + ".site': expected the site's name.");
                }
                sites.add(siteClaim(name, sitePath, siteNode.get("site").asText(), siteNode.get("option"),
                        siteFigures ? stated(siteNode, SITE_FIGURES) : Map.of()));
            }
        } else {
            sites.add(siteClaim(name, path, null, node.get("option"), stated));
        }
        return sites;
    }

    private static final List<String> EPOCH_FIGURES = List.of("gpus", "lostMinutes", "tokens", "carbonIntensity", "energyKwh", "operationalKg", "embodiedKg");
    private static final List<String> SITE_FIGURES = List.of("gpus", "lostMinutes", "tokens", "carbonIntensity", "energyKwh", "operationalKg", "embodiedKg");

    private static Map<String, Double> stated(JsonNode node, List<String> fields) {
        Map<String, Double> stated = new LinkedHashMap<>();
        for (String field : fields) {
            JsonNode value = node.get(field);
            if (value != null) {
                // null, a string ("Infinity") or 1e999 is not a figure: NaN, which the validator reports.
                stated.put(field, value.isNumber() && Double.isFinite(value.asDouble()) ? value.asDouble() : Double.NaN);
            }
        }
        return stated;
    }

    private static EpochClaim.SiteClaim siteClaim(String name, String path, String site, JsonNode option, Map<String, Double> stated) {
        String where = path + ".option";
        if (option == null || option.isNull()) {
            return new EpochClaim.SiteClaim(site, null, 0, 0, 0, null, stated, where);
        }
        if (!option.isObject()) {
            throw new InputException(name + ": field '" + where + "': expected {dp,tp,pp} or null, got " + option);
        }
        String id = option.has("id") && !option.get("id").isNull() ? option.get("id").asText() : null;
        int[] degrees = new int[3];
        String[] fields = {"dp", "tp", "pp"};
        for (int k = 0; k < 3; k++) {
            JsonNode value = option.get(fields[k]);
            if (value == null && id != null) {
                continue; // {"id": ...} alone names the option, as the CSV does; 0 = not stated
            }
            if (value == null || !value.canConvertToInt() || value.asInt() < 1) {
                throw new InputException(name + ": field '" + where + "." + fields[k] + "': expected a whole number >= 1, got " + value);
            }
            degrees[k] = value.asInt();
        }
        Double cap = null;
        JsonNode capNode = option.get("powerCapWatts");
        if (capNode != null && !capNode.isNull()) {
            if (!capNode.isNumber() || !(capNode.asDouble() > 0) || !Double.isFinite(capNode.asDouble())) {
                throw new InputException(name + ": field '" + where + ".powerCapWatts': expected a positive number or null, got " + capNode);
            }
            cap = capNode.asDouble();
        }
        return new EpochClaim.SiteClaim(site, id, degrees[0], degrees[1], degrees[2], cap, stated, where);
    }

    private static String text(JsonNode root, String field) {
        JsonNode value = root.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
