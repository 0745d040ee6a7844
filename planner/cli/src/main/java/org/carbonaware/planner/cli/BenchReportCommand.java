package org.carbonaware.planner.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.carbonaware.planner.app.ExitCodes;
import org.carbonaware.planner.bench.BenchResults;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code planner bench-report}: rebuild results.csv and report.html from stored cell results, without solving. */
@Command(name = "bench-report", mixinStandardHelpOptions = true,
        description = "Rebuild results.csv and report.html of a benchmark directory from its stored cell results; solves nothing.")
public final class BenchReportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "Benchmark directory written by 'planner bench'.")
    Path directory;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        BenchResults results = BenchResults.load(directory);
        results.writeSummary();
        spec.commandLine().getErr().printf("bench-report: %d cell(s), %d failed; wrote %s and %s%n", results.rowList().size(),
                results.failureCount(), directory.resolve(BenchResults.CSV), directory.resolve(BenchResults.HTML));
        return ExitCodes.OK;
    }
}
