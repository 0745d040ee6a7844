package org.carbonaware.planner.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.carbonaware.planner.formulation.Solvers;
import org.carbonaware.planner.common.AtomicFiles;
import org.carbonaware.planner.common.Csv;
import org.carbonaware.planner.common.InputException;
import org.carbonaware.planner.solve.Gap;

/**
 * The rows of a benchmark directory, read back from its cell files, with the gap of each plan to the best plan
 * any solver found for the same instance. Building this never solves anything.
 */
public final class BenchResults {

    public static final String CSV = "results.csv";
    public static final String HTML = "report.html";

    static final List<String> COLUMNS = List.of("instance", "solver", "seed", "status", "objectiveKg", "bestBoundKg",
            "gapToBound", "gapToBest", "solveSeconds", "firstFeasibleSeconds", "reconfigurations", "finishHours",
            "operationalKg", "embodiedKg", "solverVersion", "timeLimitSeconds", "workers", "cores", "os", "java",
            "loadAverage", "solution", "message");

    /** One row: a cell and its gap to the instance's best plan (NaN without a plan). */
    public record Row(CellResult cell, double gapToBest) {
    }

    private final Path directory;
    private final List<Row> rowList;
    private final Map<String, Double> bestKgByInstance;

    private BenchResults(Path directory, List<Row> rowList, Map<String, Double> bestKgByInstance) {
        this.directory = directory;
        this.rowList = rowList;
        this.bestKgByInstance = bestKgByInstance;
    }

    public static BenchResults load(Path directory) {
        Path cells = directory.resolve(BenchRunner.CELLS);
        if (!Files.isDirectory(cells)) {
            throw new InputException(directory + ": no " + BenchRunner.CELLS + "/ directory; is this a benchmark output directory? Maybe run 'planner bench' first?");
        }
        List<CellResult> results = new ArrayList<>();
        try (Stream<Path> files = Files.list(cells)) {
            for (Path file : files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList()) {
                results.add(CellResult.read(file));
            }
        } catch (IOException e) {
            throw new InputException(cells + ": cannot list: " + e.getMessage());
        }
        return of(directory, results);
    }

    static BenchResults of(Path directory, List<CellResult> results) {
        Map<String, Double> best = new LinkedHashMap<>();
        for (CellResult cell : results) {
            if (cell.hasPlan()) {
                best.merge(cell.instance(), cell.objectiveKg(), Math::min);
            }
        }
        // instances sorted by name, solvers in registry order (then others as they appear), then seeds
        Map<String, Integer> solverOrder = new HashMap<>();
        for (String name : Solvers.names()) {
            solverOrder.putIfAbsent(name, solverOrder.size());
        }
        for (CellResult cell : results) {
            solverOrder.putIfAbsent(cell.solver(), solverOrder.size());
        }
        List<Row> rows = new ArrayList<>();
        for (CellResult cell : results) {
            double gap = Double.NaN;
            if (cell.hasPlan()) {
                gap = Gap.relative(cell.objectiveKg(), best.get(cell.instance()));
            }
            rows.add(new Row(cell, gap));
        }
        rows.sort(Comparator.comparing((Row r) -> r.cell().instance())
                .thenComparing(r -> solverOrder.get(r.cell().solver()))
                .thenComparingLong(r -> r.cell().seed()));
        return new BenchResults(directory, List.copyOf(rows), best);
    }

    public Path directory() {
        return directory;
    }

    public List<Row> rowList() {
        return rowList;
    }

    public double bestKg(String instance) {
        return bestKgByInstance.getOrDefault(instance, Double.NaN);
    }

    public List<String> instanceList() {
        return rowList.stream().map(r -> r.cell().instance()).distinct().toList();
    }

    public List<String> solverList() {
        return rowList.stream().map(r -> r.cell().solver()).distinct().toList();
    }

    public long failureCount() {
        return rowList.stream().filter(r -> r.cell().failed()).count();
    }

    public String toCsv() {
        List<List<String>> rows = new ArrayList<>();
        for (Row row : rowList) {
            CellResult c = row.cell();
            List<String> fields = List.of(c.instance(), c.solver(), Long.toString(c.seed()), c.status(), number(c.objectiveKg()),
                    number(c.bestBoundKg()), number(c.gapToBound()), number(row.gapToBest()), number(c.solveSeconds()),
                    number(c.firstFeasibleSeconds()), c.reconfigurations() < 0 ? "" : Integer.toString(c.reconfigurations()),
                    number(c.finishHours()), number(c.operationalKg()), number(c.embodiedKg()), text(c.solverVersion()),
                    number(c.timeLimitSeconds()), Integer.toString(c.workers()), Integer.toString(c.machine().cores()),
                    c.machine().os(), c.machine().java(), number(c.loadAverage()), text(c.solution()), oneLine(c.message()));
            rows.add(fields);
        }
        return Csv.format(COLUMNS, rows);
    }

    /** Writes {@code results.csv} and {@code report.html} into the directory. */
    public void writeSummary() {
        AtomicFiles.writeString(directory.resolve(CSV), toCsv());
        AtomicFiles.writeString(directory.resolve(HTML), Report.html(this));
    }

    private static String number(double value) {
        if (!Double.isFinite(value)) {
            return "";
        }
        return String.format(Locale.ROOT, "%.10g", value).replaceFirst("\\.?0+(e|$)", "$1");
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    /** Messages stay on one line so that the file reads well in a terminal and line-based tools. */
    private static String oneLine(String message) {
        return message == null ? "" : message.replace('\n', ' ').replace('\r', ' ');
    }
}
