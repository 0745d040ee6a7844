package org.carbonaware.planner.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.carbonaware.planner.app.ExitCodes;
import org.carbonaware.planner.app.PlannerException;
import org.carbonaware.planner.app.SolverParameters;
import org.carbonaware.planner.bench.BenchCell;
import org.carbonaware.planner.bench.BenchResults;
import org.carbonaware.planner.bench.BenchRunner;
import org.carbonaware.planner.bench.BenchSuite;
import org.carbonaware.planner.bench.CellResult;
import org.carbonaware.planner.solve.SolveSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code planner bench}: run instances x solvers x seeds, store every cell's result, then rebuild the summary. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Run every instance with every solver and seed; each cell's result is stored as it finishes, then "
                + "results.csv and report.html are rebuilt from the stored results.",
                "Cells already done are skipped (resume); a failing cell is recorded as ERROR and the run goes on, exiting non-zero at the end."})
public final class BenchCommand implements Callable<Integer> {

    @CommandLine.Option(names = "--suite", paramLabel = "FILE",
            description = "Suite JSON file with the same settings (fields: instances, solvers, seeds, timeLimitSeconds, workers, parameters, out); options given here override it, --param adds to its parameters.")
    Path suiteFile;

    @CommandLine.Option(names = "--instances", split = ",", arity = "1..*", paramLabel = "DIR|FILE|GLOB",
            description = "Instance files, directories (their *.json) or quoted globs such as 'instances/*-week.json'.")
    List<String> instances;

    @CommandLine.Mixin
    SolveOptions solve;

    @CommandLine.Option(names = "--out", paramLabel = "DIR", description = "Benchmark directory (cells/, solutions/, results.csv, report.html).")
    Path out;

    @CommandLine.Option(names = "--shard", paramLabel = "I/N",
            description = "Run only shard I of N (1-based; every N-th cell), e.g. --shard $SLURM_ARRAY_TASK_ID/8 with --array=1-8.")
    String shard;

    @CommandLine.Option(names = "--list", description = "Print the cells (of the shard) and whether they are done; solve nothing.")
    boolean list;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        BenchSuite suite = suite();
        if (out == null && suite.out() == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Missing --out DIR (or \"out\" in the suite file).");
        }
        Path directory = out != null ? out : suite.out();
        List<BenchCell> cells = suite.cells();
        if (shard != null) {
            int[] part = parseShard(shard);
            cells = BenchSuite.shard(cells, part[0], part[1]);
        }
        var stdout = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        if (list) {
            for (BenchCell cell : cells) {
                stdout.println(cell.id() + (BenchRunner.done(directory, cell) ? " done" : " pending"));
            }
            stdout.flush();
            return ExitCodes.OK;
        }
        BenchRunner.RunStats stats = BenchRunner.run(suite, cells, directory, err);
        BenchResults results = BenchResults.load(directory);
        results.writeSummary();
        err.printf("bench: ran %d cell(s), skipped %d done; wrote %s and %s%n", stats.ran(), stats.skipped(),
                directory.resolve(BenchResults.CSV), directory.resolve(BenchResults.HTML));
        if (!stats.failures().isEmpty()) {
            CellResult first = stats.failures().get(0);
            throw new PlannerException(stats.anyBadInput() ? ExitCodes.BAD_INPUT : ExitCodes.INTERNAL_ERROR,
                    "%d of %d cell(s) failed (status ERROR in %s); first: %s: %s. Maybe fix it and rerun the same command: done cells are skipped."
                            .formatted(stats.failures().size(), stats.ran(), directory.resolve(BenchResults.CSV), first.id(), first.message()));
        }
        return ExitCodes.OK;
    }

    private BenchSuite suite() {
        BenchSuite base = suiteFile != null ? BenchSuite.read(suiteFile) : null;
        if (base == null && (instances == null || !solve.solversGiven())) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Give --instances and --solvers, or --suite FILE.");
        }
        List<String> solverNames = solve.solvers(base != null ? base.resolvedSolvers() : null);
        double timeLimitSeconds = solve.timeLimitSeconds(base != null ? base.timeLimitSeconds() : BenchSuite.DEFAULT_TIME_LIMIT_SECONDS);
        int workers = solve.workers(base != null ? base.workers() : 0);
        List<Long> seeds = solve.seeds(base != null ? base.seeds() : List.of(1L));
        // The suite's options for solvers this run leaves out are not an error: the suite file serves several runs.
        Map<String, Map<String, String>> suiteParameters = new LinkedHashMap<>();
        if (base != null) {
            base.parameters().forEach((solver, settings) -> {
                if (solverNames.contains(solver) && !settings.isEmpty()) {
                    suiteParameters.put(solver, settings);
                }
            });
        }
        Map<String, Map<String, String>> solverParameters = SolverParameters.distribute(solve.parameterAssignments(), solverNames,
                suiteParameters, new SolveSettings(timeLimitSeconds, workers, seeds.get(0), Map.of()));
        Path workingDirectory = Path.of("").toAbsolutePath();
        return new BenchSuite(
                instances != null ? instances : base.instancePatterns(),
                solverNames,
                seeds,
                timeLimitSeconds,
                workers,
                solverParameters,
                base != null ? base.out() : null,
                // patterns from the command line are relative to the working directory, those of a suite to its file
                instances != null || base == null ? workingDirectory : base.baseDirectory());
    }

    private int[] parseShard(String value) {
        String[] parts = value.split("/");
        try {
            if (parts.length == 2) {
                int index = Integer.parseInt(parts[0].trim());
                int count = Integer.parseInt(parts[1].trim());
                if (count >= 1 && index >= 1 && index <= count) {
                    return new int[] {index, count};
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new CommandLine.ParameterException(spec.commandLine(),
                "--shard %s: expected I/N with 1 <= I <= N, e.g. 2/8.".formatted(value));
    }
}
