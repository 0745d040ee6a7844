package org.carbonaware.planner.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.carbonaware.planner.app.ExitCodes;
import org.carbonaware.planner.bench.BenchAnalysis;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code planner bench-report}: the analysis step; rebuilds every summary file from stored cell results, without solving. */
@Command(name = "bench-report", mixinStandardHelpOptions = true,
        description = "Rebuild results.csv, summary.csv, report.html (and pareto.csv/svg when cells have slacks) of a benchmark, "
                + "sweep or pareto directory from its stored cell results; solves nothing.")
public final class BenchReportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "Directory written by 'planner bench', 'sweep', 'pareto' or 'bench-merge'.")
    Path directory;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        BenchAnalysis.Written written = BenchAnalysis.write(directory);
        spec.commandLine().getErr().printf("bench-report: %d cell(s), %d failed; wrote %s%n", written.results().rowList().size(),
                written.results().failureCount(), String.join(", ", written.files().stream().map(Path::toString).toList()));
        return ExitCodes.OK;
    }
}
