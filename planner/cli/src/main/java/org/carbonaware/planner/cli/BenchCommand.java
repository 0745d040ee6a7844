package org.carbonaware.planner.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.carbonaware.planner.app.ExitCodes;
import org.carbonaware.planner.app.SolverParameters;
import org.carbonaware.planner.bench.BenchSuite;
import org.carbonaware.planner.bench.CellRun;
import org.carbonaware.planner.bench.VariantGrid;
import org.carbonaware.planner.solve.SolveSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code planner bench}: run instances x solvers x seeds, store every cell's result, then rebuild the summary. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Run every instance (in every variant of the suite) with every solver and seed; each cell's result is "
                + "stored as it finishes, then results.csv, summary.csv and report.html are rebuilt from the stored results.",
                "Cells already done are skipped (resume); a failing cell is recorded as ERROR and the run goes on, exiting non-zero at the end."})
public final class BenchCommand implements Callable<Integer> {

    @CommandLine.Option(names = "--suite", paramLabel = "FILE",
            description = "Suite JSON file with the same settings (fields: instances, solvers, seeds, timeLimitSeconds, workers, parameters, out, "
                    + "and the variants traces, starts, slacks, switchCosts); options given here override it, --param adds to its parameters.")
    Path suiteFile;

    @CommandLine.Option(names = "--instances", split = ",", arity = "1..*", paramLabel = "DIR|FILE|GLOB",
            description = "Instance files, directories (their *.json) or quoted globs such as 'instances/*-week.json'.")
    List<String> instances;

    @CommandLine.Mixin
    SolveOptions solve;

    @CommandLine.Option(names = "--out", paramLabel = "DIR", description = "Benchmark directory (cells/, solutions/, results.csv, report.html).")
    Path out;

    @CommandLine.Mixin
    RunOptions run;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        BenchSuite suite = suite();
        if (out == null && suite.out() == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Missing --out DIR (or \"out\" in the suite file).");
        }
        run.run(suite, out != null ? out : suite.out(), CellRun.PLAN);
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
                base != null ? base.variants() : VariantGrid.NONE,
                base != null ? base.out() : null,
                // patterns from the command line are relative to the working directory, those of a suite to its file
                instances != null || base == null ? workingDirectory : base.baseDirectory());
    }
}
