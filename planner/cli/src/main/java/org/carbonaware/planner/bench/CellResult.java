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

/**
 * The result of one cell as stored in {@code cells/<id>.json}; {@code results.csv} and the report are built from
 * these files only. Objective figures are the validator's, never a solver's own.
 *
 * @param status a {@link org.carbonaware.planner.solve.SolveStatus} name, or {@link #ERROR} when the cell failed
 * @param reconfigurations -1 when there is no plan
 * @param solution the solution file relative to the benchmark directory, or null
 * @param incumbents (seconds, objectiveKg) pairs a solver reported while it improved its plan, possibly empty;
 *                   these are the solver's own figures (only the final plan is re-scored)
 */
public record CellResult(
        String instance,
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
        return instance + "-" + solver + "-s" + seed;
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
    public static CellResult error(BenchCell cell, double timeLimitSeconds, int workers, double seconds, String message) {
        return new CellResult(cell.instanceKey(), cell.solver(), cell.seed(), ERROR, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, seconds, Double.NaN, -1, Double.NaN, null, timeLimitSeconds, workers, Machine.current(),
                Machine.loadAverage(), null, message, List.of());
    }

    public String toJson() {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("instance", instance);
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
        return new CellResult(root.get("instance").asText(), root.get("solver").asText(), root.path("seed").asLong(),
                root.get("status").asText(), number(root, "objectiveKg"), number(root, "operationalKg"),
                number(root, "embodiedKg"), number(root, "bestBoundKg"), number(root, "solveSeconds"),
                number(root, "firstFeasibleSeconds"), root.path("reconfigurations").asInt(-1), number(root, "finishHours"),
                text(root, "solverVersion"), number(root, "timeLimitSeconds"), root.path("workers").asInt(0), machine,
                number(root, "loadAverage"), text(root, "solution"), text(root, "message"), trace);
    }

    /**
     * Reads an incumbent trace a solver may put in its statistics under {@code incumbents}: a list of
     * {@code [seconds, objectiveKg]} pairs or of objects with fields {@code seconds} and {@code objectiveKg}.
     */
    static List<double[]> incumbentsOf(Map<String, Object> statistics) {
        Object raw = statistics.get("incumbents");
        List<double[]> trace = new ArrayList<>();
        if (raw == null) {
            return trace;
        }
        JsonNode node = MAPPER.valueToTree(raw);
        for (JsonNode point : node) {
            double seconds = point.isArray() ? point.path(0).asDouble(Double.NaN) : point.path("seconds").asDouble(Double.NaN);
            double kg = point.isArray() ? point.path(1).asDouble(Double.NaN) : point.path("objectiveKg").asDouble(Double.NaN);
            if (Double.isFinite(seconds) && Double.isFinite(kg)) {
                trace.add(new double[] {seconds, kg});
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
