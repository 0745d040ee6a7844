package org.carbonaware.planner.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
        root.put("signal", problem.instance().carbonIntensity().signal().label());
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
        }
        ObjectNode statistics = root.putObject("statistics");
        result.statistics().forEach((key, value) -> statistics.set(key, tree(value)));
        ArrayNode epochs = root.putArray("epochs");
        if (evaluation != null) {
            for (EpochResult epoch : evaluation.epochList()) {
                ObjectNode node = epochs.addObject();
                node.put("index", epoch.index());
                node.put("start", epoch.start().toString());
                if (epoch.running()) {
                    Option option = problem.option(epoch.state());
                    ObjectNode optionNode = node.putObject("option");
                    if (option.id() != null) {
                        optionNode.put("id", option.id());
                    }
                    optionNode.put("dp", option.dp());
                    optionNode.put("tp", option.tp());
                    optionNode.put("pp", option.pp());
                } else {
                    node.putNull("option");
                }
                node.put("gpus", epoch.gpus());
                node.put("lostMinutes", epoch.lostMinutes());
                node.put("tokens", epoch.tokens());
                node.put("carbonIntensity", epoch.carbonIntensity());
                node.put("energyKwh", epoch.energyKwh());
                node.put("operationalKg", epoch.operationalKg());
                node.put("embodiedKg", epoch.embodiedKg());
            }
        }
        return root;
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

    public static String toCsv(Problem problem, Evaluation evaluation) {
        List<List<Object>> rows = new ArrayList<>();
        for (EpochResult epoch : evaluation.epochList()) {
            Option option = problem.option(epoch.state());
            rows.add(Arrays.asList(epoch.index(), epoch.start(), option == null ? "pause" : option.label(),
                    option == null ? null : option.dp(), option == null ? null : option.tp(), option == null ? null : option.pp(),
                    epoch.gpus(), number(epoch.lostMinutes()), number(epoch.tokens()), number(epoch.carbonIntensity()),
                    number(epoch.energyKwh()), number(epoch.operationalKg()), number(epoch.embodiedKg())));
        }
        return Csv.format(EPOCH_COLUMNS, rows);
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
        try {
            return MAPPER.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new InputException(file + ": no such solution file.");
        } catch (JsonProcessingException e) {
            var location = e.getLocation();
            throw new InputException("%s:%d:%d: not valid JSON: %s".formatted(file,
                    location == null ? 0 : location.getLineNr(), location == null ? 0 : location.getColumnNr(),
                    e.getOriginalMessage()));
        } catch (IOException e) {
            throw new InputException(file + ": cannot read: " + e.getMessage());
        }
    }

    public static StoredSolution read(Path file) {
        JsonNode root = readTree(file);
        String name = file.toString();
        if (root == null || !root.isObject()) {
            throw new InputException(name + ": expected a solution JSON object.");
        }
        JsonNode epochs = root.get("epochs");
        if (epochs == null || !epochs.isArray()) {
            throw new InputException(name + ": field 'epochs': missing or not an array; a solution needs its per-epoch plan.");
        }
        List<EpochClaim> claims = new ArrayList<>();
        for (int i = 0; i < epochs.size(); i++) {
            JsonNode epoch = epochs.get(i);
            String path = "epochs[" + i + "]";
            if (!epoch.isObject()) {
                throw new InputException(name + ": field '" + path + "': expected an object.");
            }
            int index = epoch.has("index") && epoch.get("index").canConvertToInt() ? epoch.get("index").asInt() : i;
            JsonNode option = epoch.get("option");
            Map<String, Double> stated = new LinkedHashMap<>();
            for (String field : List.of("gpus", "tokens", "carbonIntensity", "energyKwh", "operationalKg", "embodiedKg")) {
                if (epoch.has(field) && epoch.get(field).isNumber()) {
                    stated.put(field, epoch.get(field).asDouble());
                }
            }
            String start = epoch.has("start") ? epoch.get("start").asText() : null;
            if (option == null || option.isNull()) {
                claims.add(new EpochClaim(index, start, null, 0, 0, 0, stated));
                continue;
            }
            if (!option.isObject()) {
                throw new InputException(name + ": field '" + path + ".option': expected {dp,tp,pp} or null, got " + option);
            }
            String id = option.has("id") && !option.get("id").isNull() ? option.get("id").asText() : null;
            int[] degrees = new int[3];
            String[] fields = {"dp", "tp", "pp"};
            for (int k = 0; k < 3; k++) {
                JsonNode value = option.get(fields[k]);
                if (value == null || !value.canConvertToInt() || value.asInt() < 1) {
                    throw new InputException(name + ": field '" + path + ".option." + fields[k] + "': expected a whole number >= 1, got " + value);
                }
                degrees[k] = value.asInt();
            }
            claims.add(new EpochClaim(index, start, id, degrees[0], degrees[1], degrees[2], stated));
        }
        Map<String, Double> totals = new LinkedHashMap<>();
        JsonNode objective = root.get("objective");
        if (objective != null && objective.isObject()) {
            for (String field : List.of("totalKg", "operationalKg", "embodiedKg")) {
                if (objective.has(field) && objective.get(field).isNumber()) {
                    totals.put(field, objective.get(field).asDouble());
                }
            }
        }
        for (String field : List.of("finishHours", "energyKwh", "gpuHours", "tokens", "reconfigurations")) {
            if (root.has(field) && root.get(field).isNumber()) {
                totals.put(field, root.get(field).asDouble());
            }
        }
        return new StoredSolution(text(root, "instance"), text(root, "solver"), text(root, "status"), claims, totals);
    }

    private static String text(JsonNode root, String field) {
        JsonNode value = root.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
