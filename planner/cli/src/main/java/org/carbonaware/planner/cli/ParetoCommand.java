package org.carbonaware.planner.cli;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import org.carbonaware.planner.app.ExitCodes;
import org.carbonaware.planner.bench.BenchAnalysis;
import org.carbonaware.planner.bench.BenchSuite;
import org.carbonaware.planner.bench.CellRun;
import org.carbonaware.planner.bench.Variant;
import org.carbonaware.planner.bench.VariantGrid;
import org.carbonaware.planner.formulation.baseline.FixedFastestSolver;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code planner pareto}: the carbon-vs-slowdown frontier of one instance. For every slack s the deadline becomes
 * (1+s) × the fastest option's hours (see {@code sweep}); one cell per slack for the solver and for fixed-fastest,
 * run by the one runner; the frontier is part of the analysis (pareto.csv, also printed, and pareto.svg).
 */
@Command(name = "pareto", mixinStandardHelpOptions = true,
        description = {"Carbon-vs-slowdown frontier over deadline slacks, run as benchmark cells (the solver and fixed-fastest per slack).",
                "Writes DIR/cells/, DIR/solutions/ and the analysis: pareto.csv (also on stdout), pareto.svg, results.csv, summary.csv, report.html."})
public final class ParetoCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "INSTANCE", description = "Instance JSON file.")
    Path instanceFile;

    @CommandLine.Option(names = "--slack", defaultValue = "0,0.05,0.1,0.15,0.2,0.25,0.3,0.35,0.4,0.45,0.5", paramLabel = "S,...",
            description = "Deadline slacks (default: ${DEFAULT-VALUE}).")
    String slacks;

    @CommandLine.Mixin
    SolveOptions solve;

    @CommandLine.Mixin
    RunOptions run;

    @CommandLine.Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path outDir;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        String solver = solve.solver("cpsat");
        Set<String> solverNames = new LinkedHashSet<>(List.of(solver, FixedFastestSolver.NAME));
        VariantGrid variants = new VariantGrid(List.of(), List.of(), Variant.parseSlacks(slacks, "--slack"), List.of(true));
        // --param is for the solver; fixed-fastest, the reference, runs as it is
        List<String> assignments = solve.parameterAssignments().stream()
                .map(a -> a.substring(0, Math.max(0, a.indexOf('='))).contains(".") ? a : solver + "." + a).toList();
        BenchSuite suite = BenchSuite.ofInstance(instanceFile, List.copyOf(solverNames), List.of(solve.seed()), solve.timeLimitSeconds(),
                solve.workers(), assignments, variants);
        BenchAnalysis.Written written = run.run(suite, outDir, CellRun.PLAN);
        if (written == null) {
            return ExitCodes.OK; // --list
        }
        spec.commandLine().getOut().print(BenchAnalysis.frontierCsv(written.results()));
        spec.commandLine().getOut().flush();
        boolean anyPlan = written.results().rowList().stream().anyMatch(r -> r.cell().solver().equals(solver) && r.cell().hasPlan());
        return anyPlan ? ExitCodes.OK : ExitCodes.NO_SOLUTION;
    }
}
