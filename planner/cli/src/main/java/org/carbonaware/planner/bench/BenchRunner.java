package org.carbonaware.planner.bench;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.carbonaware.planner.app.PlanRunner;
import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.common.InputException;
import org.carbonaware.planner.io.InstanceReader;
import org.carbonaware.planner.io.SolutionFile;
import org.carbonaware.planner.solve.SolveResult;
import org.carbonaware.planner.solve.SolveSettings;
import org.carbonaware.planner.validate.Evaluation;

/**
 * Runs cells one after another (so that solves do not compete for cores) and stores each result as it
 * finishes: the solution in {@code solutions/<id>.json}, then the row in {@code cells/<id>.json}. A cell whose
 * row exists and is not {@code ERROR} is done and skipped, so an interrupted run resumes where it stopped.
 */
public final class BenchRunner {

    public static final String CELLS = "cells";
    public static final String SOLUTIONS = "solutions";

    /** What happened in one run. */
    public record RunStats(int cells, int skipped, int ran, List<CellResult> failures, boolean anyBadInput) {
    }

    private BenchRunner() {
    }

    public static Path cellFile(Path directory, String id) {
        return directory.resolve(CELLS).resolve(id + ".json");
    }

    /** True when the cell has a stored result that is not a failure. */
    public static boolean done(Path directory, BenchCell cell) {
        Path file = cellFile(directory, cell.id());
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try {
            return !CellResult.read(file).failed();
        } catch (InputException e) {
            return false; // unreadable: run it again
        }
    }

    public static RunStats run(BenchSuite suite, List<BenchCell> cells, Path directory, PrintWriter err) {
        List<BenchCell> pending = new ArrayList<>();
        for (BenchCell cell : cells) {
            if (!done(directory, cell)) {
                pending.add(cell);
            }
        }
        int skipped = cells.size() - pending.size();
        err.printf(Locale.ROOT, "bench: %d cell(s), %d already done, %d to run (time limit %s s each) in %s%n",
                cells.size(), skipped, pending.size(), Report.number(suite.timeLimitSeconds()), directory);
        err.flush();
        long runStart = System.nanoTime();
        List<CellResult> failures = new ArrayList<>();
        boolean anyBadInput = false;
        for (int i = 0; i < pending.size(); i++) {
            BenchCell cell = pending.get(i);
            err.printf(Locale.ROOT, "bench: [%d/%d] %s %s seed %d ...%n", i + 1, pending.size(), cell.instanceKey(),
                    cell.solver(), cell.seed());
            err.flush();
            long cellStart = System.nanoTime();
            CellResult result;
            try {
                result = runCell(suite, cell, directory);
            } catch (InputException e) {
                anyBadInput = true;
                result = CellResult.error(cell, suite.timeLimitSeconds(), suite.workers(), seconds(cellStart), e.getMessage());
            } catch (RuntimeException | LinkageError e) {
                result = CellResult.error(cell, suite.timeLimitSeconds(), suite.workers(), seconds(cellStart),
                        e.getMessage() == null ? e.toString() : e.getMessage());
            }
            result.write(cellFile(directory, cell.id()));
            if (result.failed()) {
                failures.add(result);
            }
            double elapsed = seconds(runStart);
            double eta = elapsed / (i + 1) * (pending.size() - i - 1);
            err.printf(Locale.ROOT, "bench: [%d/%d] %s %s seed %d: %s%s in %.1f s; elapsed %s, ETA %s%n", i + 1, pending.size(),
                    cell.instanceKey(), cell.solver(), cell.seed(), result.status(),
                    result.hasPlan() ? " %.3f kg".formatted(result.objectiveKg()) : result.failed() ? " (" + result.message() + ")" : "",
                    seconds(cellStart), clock(elapsed), clock(eta));
            err.flush();
        }
        return new RunStats(cells.size(), skipped, pending.size(), failures, anyBadInput);
    }

    static CellResult runCell(BenchSuite suite, BenchCell cell, Path directory) {
        double loadAverage = Machine.loadAverage();
        Problem problem = InstanceReader.load(cell.instanceFile());
        SolveSettings settings = new SolveSettings(suite.timeLimitSeconds(), suite.workers(), cell.seed(),
                suite.parametersOf(cell.solver()));
        PlanRunner.Outcome outcome = PlanRunner.run(problem, cell.solver(), settings);
        SolveResult result = outcome.result();
        Evaluation evaluation = outcome.evaluation();
        String relative = SOLUTIONS + "/" + cell.id() + ".json";
        SolutionFile.write(directory.resolve(relative), problem, result, evaluation);
        boolean plan = outcome.hasPlan();
        return new CellResult(cell.instanceKey(), cell.solver(), cell.seed(), result.status().name(),
                plan ? evaluation.totalKg() : Double.NaN, plan ? evaluation.operationalKg() : Double.NaN,
                plan ? evaluation.embodiedKg() : Double.NaN, result.bestBoundKg(), result.solveSeconds(),
                plan ? result.firstFeasibleSeconds() : Double.NaN, plan ? evaluation.reconfigurations() : -1,
                plan ? evaluation.finishHours() : Double.NaN, result.solverVersion(), suite.timeLimitSeconds(),
                result.workers(), Machine.current(), loadAverage, relative, result.message(),
                CellResult.incumbentsOf(result.statistics()));
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    static String clock(double seconds) {
        long total = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d:%02d", total / 3600, total / 60 % 60, total % 60);
    }
}
