package org.carbonaware.planner.bench;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.carbonaware.planner.app.ExitCodes;
import org.carbonaware.planner.app.PlanRunner;
import org.carbonaware.planner.app.PlannerException;
import org.carbonaware.planner.common.InputException;
import org.carbonaware.planner.domain.CarbonIntensitySource;
import org.carbonaware.planner.domain.Instance;
import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.domain.Signal;
import org.carbonaware.planner.io.InstanceReader;
import org.carbonaware.planner.io.SolutionFile;
import org.carbonaware.planner.solve.SolveResult;
import org.carbonaware.planner.solve.SolveSettings;
import org.carbonaware.planner.trace.CarbonTrace;
import org.carbonaware.planner.trace.CarbonTraceReader;
import org.carbonaware.planner.validate.Evaluation;

/**
 * The one runner of {@code bench}, {@code sweep} and {@code pareto}: runs cells (one at a time by default, so that
 * solves do not compete for cores; {@code jobs} at once on request) and stores each result as it finishes: the
 * solution in {@code solutions/<id>.json}, then the row in {@code cells/<id>.json}. A cell whose row exists and is
 * not {@code ERROR} is done and skipped, so an interrupted run resumes where it stopped; a failing cell is stored
 * as {@code ERROR} and the run goes on.
 */
public final class BenchRunner {

    public static final String CELLS = "cells";
    public static final String SOLUTIONS = "solutions";
    /** Failures listed in the closing message; the rest are in results.csv. */
    private static final int LISTED_FAILURES = 5;

    /** What happened in one run. */
    public record RunStats(int cells, int skipped, int ran, List<CellResult> failures, boolean anyBadInput) {

        /**
         * Fails the command at the end of a run with failed cells: exit 2 when a failure was bad input, 70 otherwise,
         * with a summary of the failures.
         */
        public void throwIfFailed(Path directory) {
            if (failures.isEmpty()) {
                return;
            }
            List<String> listed = failures.stream().limit(LISTED_FAILURES).map(f -> f.id() + ": " + f.message()).toList();
            String more = failures.size() > LISTED_FAILURES ? "; and %d more".formatted(failures.size() - LISTED_FAILURES) : "";
            throw new PlannerException(anyBadInput ? ExitCodes.BAD_INPUT : ExitCodes.INTERNAL_ERROR,
                    "%d of %d cell(s) failed (status ERROR in %s): %s%s. Maybe fix the cause and rerun the same command: done cells are skipped."
                            .formatted(failures.size(), ran, directory.resolve(BenchResults.CSV), String.join("; ", listed), more));
        }
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

    /**
     * Runs the cells not done yet.
     *
     * @param jobs cells run at once (>= 1)
     * @param cellRun how a cell's problem is solved ({@link CellRun#PLAN} for a single solve)
     */
    public static RunStats run(BenchSuite suite, List<BenchCell> cells, Path directory, int jobs, CellRun cellRun, PrintWriter err) {
        if (jobs < 1) {
            throw new InputException("jobs must be >= 1, got " + jobs);
        }
        requireOneSignal(cells);
        List<BenchCell> pending = cells.stream().filter(cell -> !done(directory, cell)).toList();
        int skipped = cells.size() - pending.size();
        err.printf(Locale.ROOT, "bench: %d cell(s), %d already done, %d to run (time limit %s s each, %d at a time) in %s%n",
                cells.size(), skipped, pending.size(), Report.number(suite.timeLimitSeconds()), jobs, directory);
        err.flush();
        Progress progress = new Progress(pending.size(), err, jobs == 1);
        Problems problems = new Problems();
        List<CellResult> results = new ArrayList<>();
        if (jobs == 1) {
            for (BenchCell cell : pending) {
                results.add(runAndStore(suite, cell, directory, cellRun, problems, progress));
            }
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(jobs);
            try {
                List<Future<CellResult>> futures = new ArrayList<>();
                for (BenchCell cell : pending) {
                    futures.add(pool.submit(() -> runAndStore(suite, cell, directory, cellRun, problems, progress)));
                }
                for (Future<CellResult> future : futures) {
                    results.add(future.get());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PlannerException(ExitCodes.INTERNAL_ERROR, "interrupted; rerun the same command to resume.");
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
            } finally {
                pool.shutdownNow();
            }
        }
        List<CellResult> failures = results.stream().filter(CellResult::failed).toList();
        return new RunStats(cells.size(), skipped, pending.size(), failures, progress.anyBadInput());
    }

    /**
     * One run compares one signal: grams of average (location-based) and marginal intensity are not on one scale, so
     * reductions pooled over both overstate what shifting achieves. An instance that cannot be read is left to its
     * cells to report.
     */
    static void requireOneSignal(List<BenchCell> cells) {
        Map<Signal, Path> instanceBySignal = new LinkedHashMap<>();
        Set<Path> seen = new HashSet<>();
        for (BenchCell cell : cells) {
            if (!seen.add(cell.instanceFile())) {
                continue;
            }
            try {
                for (var site : InstanceReader.read(cell.instanceFile()).siteList()) {
                    instanceBySignal.putIfAbsent(site.carbonIntensity().signal(), cell.instanceFile());
                }
            } catch (InputException e) {
                // reported by the cell
            }
        }
        if (instanceBySignal.size() > 1) {
            List<String> examples = instanceBySignal.entrySet().stream().map(e -> e.getValue() + " is " + e.getKey()).toList();
            throw new InputException("the instances mix signals (%s); grams of average and marginal intensity are not comparable, and pooling them overstates savings. Maybe run one benchmark per signal?"
                    .formatted(String.join(", ", examples)));
        }
    }

    /** Runs one cell, turning any failure into an ERROR result, and stores it. */
    private static CellResult runAndStore(BenchSuite suite, BenchCell cell, Path directory, CellRun cellRun, Problems problems,
                                          Progress progress) {
        progress.started(cell);
        long cellStart = System.nanoTime();
        CellResult result;
        boolean badInput = false;
        try {
            result = runCell(suite, cell, directory, cellRun, problems);
        } catch (InputException e) {
            badInput = true;
            result = CellResult.error(cell, problems.describe(cell), suite.timeLimitSeconds(), suite.workers(), seconds(cellStart),
                    e.getMessage());
        } catch (PlannerException e) {
            badInput = e.exitCode() == ExitCodes.BAD_INPUT;
            result = CellResult.error(cell, problems.describe(cell), suite.timeLimitSeconds(), suite.workers(), seconds(cellStart),
                    e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            result = CellResult.error(cell, problems.describe(cell), suite.timeLimitSeconds(), suite.workers(), seconds(cellStart),
                    e.getMessage() == null ? e.toString() : e.getMessage());
        }
        result.write(cellFile(directory, cell.id()));
        progress.finished(cell, result, seconds(cellStart), badInput);
        return result;
    }

    static CellResult runCell(BenchSuite suite, BenchCell cell, Path directory, CellRun cellRun, Problems problems) {
        double loadAverage = Machine.loadAverage();
        Problem problem = problems.problem(cell);
        SolveSettings settings = new SolveSettings(suite.timeLimitSeconds(), suite.workers(), cell.seed(),
                suite.parametersOf(cell.solver()));
        PlanRunner.Outcome outcome = cellRun.run(cell, problem, settings);
        SolveResult result = outcome.result();
        Evaluation evaluation = outcome.evaluation();
        String relative = SOLUTIONS + "/" + cell.id() + ".json";
        SolutionFile.write(directory.resolve(relative), problem, result, evaluation);
        boolean plan = outcome.hasPlan();
        return new CellResult(cell.instanceKey(), CellVariant.of(cell.variant(), problem.instance()), cell.solver(), cell.seed(),
                result.status().name(), plan ? evaluation.totalKg() : Double.NaN, plan ? evaluation.operationalKg() : Double.NaN,
                plan ? evaluation.embodiedKg() : Double.NaN, result.bestBoundKg(), result.solveSeconds(),
                plan ? result.firstFeasibleSeconds() : Double.NaN, plan ? evaluation.reconfigurations() : -1,
                plan ? evaluation.finishHours() : Double.NaN, plan ? evaluation.tokensPerKg() : Double.NaN,
                result.solverVersion(), suite.timeLimitSeconds(), result.workers(), Machine.current(), loadAverage, relative,
                result.message(), CellResult.incumbentsOf(result.statistics()));
    }

    /** Instances and traces read once per run and shared by the cells (and threads) that use them. */
    static final class Problems {

        private final Map<Path, Instance> instanceByFile = new ConcurrentHashMap<>();
        private final Map<CarbonIntensitySource, CarbonTrace> traceBySource = new ConcurrentHashMap<>();

        Problem problem(BenchCell cell) {
            Instance instance = cell.variant().apply(instanceByFile.computeIfAbsent(cell.instanceFile(), InstanceReader::read));
            CarbonIntensitySource source = instance.carbonIntensity();
            CarbonTrace trace = traceBySource.computeIfAbsent(source, s -> CarbonTraceReader.read(s.file(), s.column()));
            return InstanceReader.resolve(instance, trace);
        }

        /** What the cell ran on, as far as it can be known after a failure. */
        CellVariant describe(BenchCell cell) {
            try {
                Instance base = instanceByFile.get(cell.instanceFile());
                return base == null ? CellVariant.unresolved(cell.variant()) : CellVariant.of(cell.variant(), cell.variant().apply(base));
            } catch (RuntimeException e) {
                return CellVariant.unresolved(cell.variant());
            }
        }
    }

    /** Progress lines on stderr: counts, the cell's outcome, elapsed time and the ETA of the cells left. */
    private static final class Progress {

        private final int total;
        private final PrintWriter err;
        private final boolean announceStarts;
        private final long startNanos = System.nanoTime();
        private int finished;
        private int failed;
        private boolean anyBadInput;

        Progress(int total, PrintWriter err, boolean announceStarts) {
            this.total = total;
            this.err = err;
            this.announceStarts = announceStarts;
        }

        synchronized void started(BenchCell cell) {
            if (announceStarts) {
                err.printf(Locale.ROOT, "bench: [%d/%d] %s %s seed %d ...%n", finished + 1, total, cell.problemKey(), cell.solver(), cell.seed());
                err.flush();
            }
        }

        synchronized void finished(BenchCell cell, CellResult result, double cellSeconds, boolean badInput) {
            finished++;
            if (result.failed()) {
                failed++;
                anyBadInput |= badInput;
            }
            double elapsed = seconds(startNanos);
            double eta = elapsed / finished * (total - finished);
            String outcome = result.hasPlan() ? " %.3f kg".formatted(result.objectiveKg())
                    : result.failed() ? " (" + result.message() + ")" : "";
            err.printf(Locale.ROOT, "bench: [%d/%d] %s %s seed %d: %s%s in %.1f s; %d failed so far; elapsed %s, ETA %s%n", finished,
                    total, cell.problemKey(), cell.solver(), cell.seed(), result.status(), outcome, cellSeconds, failed, clock(elapsed),
                    clock(eta));
            err.flush();
        }

        synchronized boolean anyBadInput() {
            return anyBadInput;
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    static String clock(double seconds) {
        long total = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d:%02d", total / 3600, total / 60 % 60, total % 60);
    }
}
