package org.carbonaware.planner.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.carbonaware.planner.app.ExitCodes;
import org.carbonaware.planner.bench.BenchDiff;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code planner bench-diff}: do two benchmark directories hold the same cells with the same results? */
@Command(name = "bench-diff", mixinStandardHelpOptions = true,
        description = {"Compare the results.csv of two benchmark directories: the same cells (instance, variant, solver, seed), "
                + "the same status and objectives within a relative tolerance. Differences go to stdout, one per line.",
                "Exit 0 when they agree, 1 when they differ."})
public final class BenchDiffCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "A benchmark directory (with results.csv).")
    Path first;

    @Parameters(index = "1", paramLabel = "OTHER", description = "The directory to compare it with.")
    Path second;

    @CommandLine.Option(names = "--tolerance", defaultValue = "1e-6", paramLabel = "FRACTION",
            description = "Largest relative difference of two objectives that counts as equal (default: ${DEFAULT-VALUE}).")
    double tolerance;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--tolerance must be a number >= 0, got " + tolerance);
        }
        List<String> differences = BenchDiff.compare(first, second, tolerance);
        var out = spec.commandLine().getOut();
        differences.forEach(out::println);
        out.flush();
        var err = spec.commandLine().getErr();
        if (differences.isEmpty()) {
            err.printf("bench-diff: %s and %s hold the same %d cell(s) with the same status and objectives (tolerance %s)%n",
                    first, second, BenchDiff.cellCount(first), tolerance);
            return ExitCodes.OK;
        }
        err.printf("bench-diff: %d difference(s) between %s and %s%n", differences.size(), first, second);
        return ExitCodes.INFEASIBLE_OR_INVALID;
    }
}
