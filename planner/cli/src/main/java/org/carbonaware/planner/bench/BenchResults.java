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

import org.carbonaware.planner.common.Csv;
import org.carbonaware.planner.common.InputException;
import org.carbonaware.planner.formulation.Solvers;
import org.carbonaware.planner.formulation.baseline.FixedFastestSolver;
import org.carbonaware.planner.solve.Gap;

/**
 * The rows of a benchmark directory, read back from its cell files, with what compares cells of the same problem
 * (instance and variant): the gap of each plan to the best plan any solver found, and the slowdown and carbon
 * reduction against the {@code fixed-fastest} cell of the problem. Building this never solves anything.
 */
public final class BenchResults {

    public static final String CSV = "results.csv";

    /** The one results format of bench, sweep and pareto. */
    public static final List<String> COLUMNS = List.of("instance", "variant", "trace", "start", "slack", "switchCosts", "deadlineHours",
            "solver", "seed", "status", "objectiveKg", "bestBoundKg", "gapToBound", "gapToBest", "slowdown",
            "reductionVsFixedFastest", "solveSeconds", "firstFeasibleSeconds", "reconfigurations", "finishHours", "tokensPerKg",
            "operationalKg", "embodiedKg", "solverVersion", "timeLimitSeconds", "workers", "cores", "os", "java", "loadAverage",
            "solution", "message");

    /**
     * One row: a cell and how it compares with the other cells of its problem.
     *
     * @param gapToBest {@link Gap} of the plan to the best plan of the problem (NaN without a plan)
     * @param fixedFastest the problem's fixed-fastest cell with a plan (same seed if there is one), or null
     */
    public record Row(CellResult cell, double gapToBest, CellResult fixedFastest) {

        /** Finish time over the fixed-fastest plan's, minus 1; NaN when either is missing. */
        public double slowdown() {
            return cell.hasPlan() && fixedFastest != null ? cell.finishHours() / fixedFastest.finishHours() - 1 : Double.NaN;
        }

        /** 1 − kg over the fixed-fastest plan's kg (the negated {@link Gap}); NaN when either is missing. */
        public double reductionVsFixedFastest() {
            return cell.hasPlan() && fixedFastest != null ? 0 - Gap.relative(cell.objectiveKg(), fixedFastest.objectiveKg()) : Double.NaN;
        }

        public double fixedFastestKg() {
            return fixedFastest == null ? Double.NaN : fixedFastest.objectiveKg();
        }
    }

    private final Path directory;
    private final List<Row> rowList;
    private final Map<String, Double> bestKgByProblem;

    private BenchResults(Path directory, List<Row> rowList, Map<String, Double> bestKgByProblem) {
        this.directory = directory;
        this.rowList = rowList;
        this.bestKgByProblem = bestKgByProblem;
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
        Map<String, CellResult> reference = new HashMap<>();
        for (CellResult cell : results) {
            if (cell.hasPlan()) {
                best.merge(cell.problemKey(), cell.objectiveKg(), Math::min);
            }
            if (cell.solver().equals(FixedFastestSolver.NAME) && cell.hasPlan()) {
                reference.put(cell.problemKey() + "|" + cell.seed(), cell);
                reference.merge(cell.problemKey(), cell, (a, b) -> b.seed() < a.seed() ? b : a);
            }
        }
        // instances sorted by name, then variants, solvers in registry order (then others as they appear), then seeds
        Map<String, Integer> solverOrder = new HashMap<>();
        for (String name : Solvers.names()) {
            solverOrder.putIfAbsent(name, solverOrder.size());
        }
        for (CellResult cell : results) {
            solverOrder.putIfAbsent(cell.solver(), solverOrder.size());
        }
        List<Row> rows = new ArrayList<>();
        for (CellResult cell : results) {
            double gap = cell.hasPlan() ? Gap.relative(cell.objectiveKg(), best.get(cell.problemKey())) : Double.NaN;
            // the fixed-fastest plan of the same problem, same seed if there is one (it is deterministic)
            CellResult ref = reference.getOrDefault(cell.problemKey() + "|" + cell.seed(), reference.get(cell.problemKey()));
            rows.add(new Row(cell, gap, ref));
        }
        rows.sort(Comparator.comparing((Row r) -> r.cell().instance())
                .thenComparing(r -> r.cell().variant().key())
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

    /** The best plan's kg of a problem ({@link CellResult#problemKey()}), NaN when none has a plan. */
    public double bestKg(String problemKey) {
        return bestKgByProblem.getOrDefault(problemKey, Double.NaN);
    }

    /** The problems (instance and variant) in row order. */
    public List<String> problemList() {
        return rowList.stream().map(r -> r.cell().problemKey()).distinct().toList();
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
            CellVariant v = c.variant();
            rows.add(List.of(c.instance(), v.key(), v.trace(), v.start(), v.slack(), Boolean.toString(v.switchCosts()),
                    number(v.deadlineHours()), c.solver(), Long.toString(c.seed()), c.status(), number(c.objectiveKg()),
                    number(c.bestBoundKg()), number(c.gapToBound()), number(row.gapToBest()), number(row.slowdown()),
                    number(row.reductionVsFixedFastest()), number(c.solveSeconds()), number(c.firstFeasibleSeconds()),
                    c.reconfigurations() < 0 ? "" : Integer.toString(c.reconfigurations()), number(c.finishHours()),
                    number(c.tokensPerKg()), number(c.operationalKg()), number(c.embodiedKg()), text(c.solverVersion()),
                    number(c.timeLimitSeconds()), Integer.toString(c.workers()), Integer.toString(c.machine().cores()),
                    c.machine().os(), c.machine().java(), number(c.loadAverage()), text(c.solution()), oneLine(c.message())));
        }
        return Csv.format(COLUMNS, rows);
    }

    /** Ten significant digits, trailing zeros dropped; empty for NaN and infinities. */
    static String number(double value) {
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
