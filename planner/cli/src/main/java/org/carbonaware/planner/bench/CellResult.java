package org.carbonaware.planner.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.carbonaware.planner.common.AtomicFiles;
import org.carbonaware.planner.common.InputException;
import org.carbonaware.planner.io.SolutionFile;
import org.carbonaware.planner.solve.Gap;
import org.carbonaware.planner.solve.IncumbentTrace;

/**
 * The result of one cell as stored in {@code cells/<id>.json}; {@code results.csv} and the report are built from
 * these files only. Objective figures are the validator's, never a solver's own.
 *
 * @param variant what the cell ran on (instance variant, trace, start, deadline)
 * @param status a {@link org.carbonaware.planner.solve.SolveStatus} name, or {@link #ERROR} when the cell failed
 * @param reconfigurations -1 when there is no plan
 * @param solution the solution file relative to the benchmark directory, or null
 * @param incumbents (seconds, objectiveKg) pairs a solver reported while it improved its plan, possibly empty;
 *                   these are the solver's own figures (only the final plan is re-scored)
 */
public record CellResult(
        String instance,
        CellVariant variant,
        String solver,
        long seed,
        String status,
        double objectiveKg,
        double operationalKg,
        double embodiedKg,
        double bestBoundKg,
        double solveSeconds,
        double firstFeasibleSeconds,
        int reconfigurations,
        double finishHours,
        double tokensPerKg,
        String solverVersion,
        double timeLimitSeconds,
        int workers,
        Machine machine,
        double loadAverage,
        String solution,
        String message,
        List<double[]> incumbents) {

    public static final String ERROR = "ERROR";

    private static final JsonMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    public CellResult {
        incumbents = incumbents == null ? List.of() : List.copyOf(incumbents);
    }

    public String id() {
        return problemKey() + "-" + solver + "-s" + seed;
    }

    /** The problem the cell solved, shared by the cells of every solver and seed ({@link BenchCell#problemKey()}). */
    public String problemKey() {
        return BenchCell.problemKey(instance, variant.key());
    }

    public boolean failed() {
        return ERROR.equals(status);
    }

    public boolean hasPlan() {
        return !Double.isNaN(objectiveKg);
    }

    /** The {@link Gap} of the validated objective to the solver's own lower bound, or NaN. */
    public double gapToBound() {
        return Gap.relative(objectiveKg, bestBoundKg);
    }

    /** A failed cell: the message says why; there is no plan. */
    public static CellResult error(BenchCell cell, CellVariant variant, double timeLimitSeconds, int workers, double seconds,
                                   String message) {
        return new CellResult(cell.instanceKey(), variant, cell.solver(), cell.seed(), ERROR, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, seconds, Double.NaN, -1, Double.NaN, Double.NaN, null, timeLimitSeconds, workers, Machine.current(),
                Machine.loadAverage(), null, message, List.of());
    }

    public String toJson() {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("instance", instance);
        ObjectNode variantNode = root.putObject("variant");
        variantNode.put("key", variant.key());
        variantNode.put("trace", variant.trace());
        variantNode.put("start", variant.start());
        variantNode.put("slack", variant.slack());
        variantNode.put("switchCosts", variant.switchCosts());
        number(variantNode, "deadlineHours", variant.deadlineHours());
        root.put("solver", solver);
        root.put("seed", seed);
        root.put("status", status);
        number(root, "objectiveKg", objectiveKg);
        number(root, "operationalKg", operationalKg);
        number(root, "embodiedKg", embodiedKg);
        number(root, "bestBoundKg", bestBoundKg);
        number(root, "solveSeconds", solveSeconds);
        number(root, "firstFeasibleSeconds", firstFeasibleSeconds);
        root.put("reconfigurations", reconfigurations);
        number(root, "finishHours", finishHours);
        number(root, "tokensPerKg", tokensPerKg);
        root.put("solverVersion", solverVersion);
        root.put("timeLimitSeconds", timeLimitSeconds);
        root.put("workers", workers);
        ObjectNode machineNode = root.putObject("machine");
        machineNode.put("cores", machine.cores());
        machineNode.put("os", machine.os());
        machineNode.put("java", machine.java());
        number(root, "loadAverage", loadAverage);
        root.put("solution", solution);
        root.put("message", message);
        ArrayNode trace = root.putArray("incumbents");
        for (double[] point : incumbents) {
            trace.addArray().add(point[0]).add(point[1]);
        }
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public void write(Path file) {
        AtomicFiles.writeString(file, toJson());
    }

    public static CellResult read(Path file) {
        JsonNode root = SolutionFile.readTree(file);
        if (root == null || !root.isObject() || !root.hasNonNull("instance") || !root.hasNonNull("solver")
                || !root.hasNonNull("status")) {
            throw new InputException(file + ": not a benchmark cell result (expected fields instance, solver, status).");
        }
        JsonNode machineNode = root.path("machine");
        Machine machine = new Machine(machineNode.path("cores").asInt(0), machineNode.path("os").asText(""),
                machineNode.path("java").asText(""));
        List<double[]> trace = new ArrayList<>();
        for (JsonNode point : root.path("incumbents")) {
            trace.add(new double[] {point.path(0).asDouble(), point.path(1).asDouble()});
        }
        JsonNode variantNode = root.path("variant");
        CellVariant variant = new CellVariant(variantNode.path("key").asText(""), variantNode.path("trace").asText(""),
                variantNode.path("start").asText(""), variantNode.path("slack").asText(""),
                variantNode.path("switchCosts").asBoolean(true), number(variantNode, "deadlineHours"));
        return new CellResult(root.get("instance").asText(), variant, root.get("solver").asText(), root.path("seed").asLong(),
                root.get("status").asText(), number(root, "objectiveKg"), number(root, "operationalKg"),
                number(root, "embodiedKg"), number(root, "bestBoundKg"), number(root, "solveSeconds"),
                number(root, "firstFeasibleSeconds"), root.path("reconfigurations").asInt(-1), number(root, "finishHours"),
                number(root, "tokensPerKg"),
                text(root, "solverVersion"), number(root, "timeLimitSeconds"), root.path("workers").asInt(0), machine,
                number(root, "loadAverage"), text(root, "solution"), text(root, "message"), trace);
    }

    /** The {@link IncumbentTrace} a solver put in its statistics, as (seconds, objectiveKg) pairs; empty when none. */
    static List<double[]> incumbentsOf(Map<String, Object> statistics) {
        List<double[]> trace = new ArrayList<>();
        if (statistics.get(IncumbentTrace.STATISTIC) instanceof List<?> points) {
            for (Object point : points) {
                if (point instanceof List<?> pair && pair.size() == 2 && pair.get(0) instanceof Number seconds
                        && pair.get(1) instanceof Number kg) {
                    trace.add(new double[] {seconds.doubleValue(), kg.doubleValue()});
                }
            }
        }
        return trace;
    }

    private static void number(ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) {
            node.put(field, value);
        } else {
            node.putNull(field);
        }
    }

    private static double number(JsonNode root, String field) {
        JsonNode value = root.get(field);
        return value == null || !value.isNumber() ? Double.NaN : value.asDouble();
    }

    private static String text(JsonNode root, String field) {
        JsonNode value = root.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
