package org.carbonaware.planner.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import org.carbonaware.planner.app.ExitCodes;
import org.carbonaware.planner.bench.BenchSuite;
import org.carbonaware.planner.bench.CellRun;
import org.carbonaware.planner.bench.RollingCellRun;
import org.carbonaware.planner.bench.Variant;
import org.carbonaware.planner.bench.VariantGrid;
import org.carbonaware.planner.common.InputException;
import org.carbonaware.planner.formulation.Solvers;
import org.carbonaware.planner.formulation.baseline.FixedFastestSolver;
import org.carbonaware.planner.io.InstanceReader;
import org.carbonaware.planner.trace.CarbonTraceReader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code planner sweep}: one instance in many variants (start times × traces × deadline slacks, optionally without
 * switching costs) × solvers × seeds, run as benchmark cells by the one runner; fixed-fastest always runs too, as
 * every variant's reference for slowdown and reduction.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Re-run an instance over start times, traces (regions) and deadline slacks with several solvers, as benchmark "
                + "cells (resumable, shardable, continuing past failures); fixed-fastest always runs as the reference.",
                "Writes DIR/cells/, DIR/solutions/ and the analysis: results.csv, summary.csv, report.html (and pareto.csv/svg with --slack)."})
public final class SweepCommand implements Callable<Integer> {

    /** cpsat and the baselines: every registered solver except mip, label, timefold and decompose. */
    static final List<String> DEFAULT_SOLVERS = Solvers.names().stream()
            .filter(n -> !List.of("mip", "label", "timefold", "decompose").contains(n)).toList();

    @Parameters(index = "0", paramLabel = "INSTANCE", description = "Instance JSON file.")
    Path instanceFile;

    @CommandLine.Option(names = "--count", paramLabel = "N",
            description = "Number of start times, --start-every hours apart from --first-start (default: the instance's start only).")
    Integer count;

    @CommandLine.Option(names = "--start-every", paramLabel = "HOURS", description = "Hours between start times (needed with --count > 1).")
    Double startEveryHours;

    @CommandLine.Option(names = "--first-start", paramLabel = "INSTANT",
            description = "First start time, ISO-8601 (default: the instance's start).")
    String firstStart;

    @CommandLine.Option(names = "--trace", paramLabel = "FILE", arity = "1..*",
            description = "Carbon-intensity traces (regions) to run on instead of the instance's own; repeatable. "
                    + "Uses the instance's column when the trace has it, else the second column.")
    List<Path> traces = new ArrayList<>();

    @CommandLine.Option(names = "--slack", paramLabel = "S,...",
            description = "Deadline slacks: deadlineHours = (1+S) × the fastest option's hours for the workload incl. one resume, "
                    + "rounded up to a whole epoch; 0.1 or 10%% (default: keep the instance's deadline).")
    String slacks;

    @CommandLine.Option(names = "--no-switch-costs", description = "Set resume, DP-change and reshard minutes to 0 (rows get switchCosts=false).")
    boolean noSwitchCosts;

    @CommandLine.Option(names = "--replan-every", paramLabel = "HOURS",
            description = "Run every cell as a rolling horizon on the instance's forecast, re-planned every HOURS (as planner simulate); "
                    + "the executed plan is scored on the actual trace. Use one --out folder per interval.")
    Double replanEveryHours;

    @CommandLine.Mixin
    SolveOptions solve;

    @CommandLine.Mixin
    RunOptions run;

    @CommandLine.Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (may hold earlier cells: they are kept and skipped).")
    Path outDir;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Set<String> solverNames = new LinkedHashSet<>(solve.solvers(DEFAULT_SOLVERS));
        solverNames.add(FixedFastestSolver.NAME);
        run.run(suite(List.copyOf(solverNames)), outDir, replanEveryHours == null ? CellRun.PLAN : new RollingCellRun(replanEveryHours));
        return ExitCodes.OK;
    }

    private BenchSuite suite(List<String> solverNames) {
        List<Instant> starts = List.of();
        if (count != null || firstStart != null) {
            int n = count == null ? 1 : count;
            if (n < 1) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--count must be >= 1, got " + n);
            }
            if (n > 1 && startEveryHours == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--count %d needs --start-every HOURS.".formatted(n));
            }
            double every = startEveryHours == null ? 0 : startEveryHours;
            if (!(every >= 0) || Double.isInfinite(every)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--start-every must be >= 0 hours, got " + every);
            }
            Instant first = firstStart == null ? InstanceReader.read(instanceFile).start() : parseInstant(firstStart);
            starts = VariantGrid.starts(first, every, n);
        }
        List<Double> slackValues = slacks == null ? List.of() : Variant.parseSlacks(slacks, "--slack");
        VariantGrid variants = new VariantGrid(traces, starts, slackValues, List.of(!noSwitchCosts));
        return BenchSuite.ofInstance(instanceFile, solverNames, solve.seeds(List.of(1L)), solve.timeLimitSeconds(), solve.workers(),
                solve.parameterAssignments(), variants);
    }

    private static Instant parseInstant(String text) {
        try {
            return CarbonTraceReader.parseTimestamp(text, "--first-start", 0);
        } catch (InputException e) {
            throw new InputException("--first-start: cannot read \"%s\"; expected an ISO-8601 instant such as 2023-01-01T00:00:00Z.".formatted(text));
        }
    }
}
