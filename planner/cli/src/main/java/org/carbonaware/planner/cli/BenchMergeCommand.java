package org.carbonaware.planner.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.carbonaware.planner.app.ExitCodes;
import org.carbonaware.planner.bench.BenchMerge;
import org.carbonaware.planner.bench.BenchAnalysis;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code planner bench-merge}: join benchmark directories (e.g. shards) and rebuild the summary. */
@Command(name = "bench-merge", mixinStandardHelpOptions = true,
        description = "Join benchmark directories (for example the shards of a batch job) into one and rebuild its analysis (results.csv, summary.csv, report.html).")
public final class BenchMergeCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "DIR", description = "Benchmark directories written by 'planner bench'.")
    List<Path> inputs;

    @CommandLine.Option(names = "--out", required = true, paramLabel = "DIR", description = "The merged benchmark directory (may already hold results).")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var err = spec.commandLine().getErr();
        BenchMerge.MergeStats stats = BenchMerge.merge(inputs, out, err);
        BenchAnalysis.Written written = BenchAnalysis.write(out);
        err.printf("bench-merge: copied %d cell(s) (%d duplicate(s) left out); %d cell(s) in %s, %d failed; wrote %s%n",
                stats.copied(), stats.duplicates(), written.results().rowList().size(), out, written.results().failureCount(),
                String.join(", ", written.files().stream().map(Path::toString).toList()));
        return ExitCodes.OK;
    }
}
