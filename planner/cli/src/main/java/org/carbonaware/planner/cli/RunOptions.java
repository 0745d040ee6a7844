package org.carbonaware.planner.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

import org.carbonaware.planner.bench.BenchAnalysis;
import org.carbonaware.planner.bench.BenchCell;
import org.carbonaware.planner.bench.BenchRunner;
import org.carbonaware.planner.bench.BenchSuite;
import org.carbonaware.planner.bench.CellRun;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The run options of every command that runs benchmark cells ({@code bench}, {@code sweep}, {@code pareto}):
 * which shard, how many cells at once, or only list them; and the one way such a command runs: cells through
 * {@link BenchRunner}, then the analysis ({@link BenchAnalysis}), then failure at the end if a cell failed.
 */
public final class RunOptions {

    @Option(names = "--shard", paramLabel = "I/N",
            description = "Run only shard I of N (1-based; every N-th cell of the fixed cell order), e.g. --shard $SLURM_ARRAY_TASK_ID/8 with --array=1-8.")
    String shard;

    @Option(names = "--jobs", paramLabel = "N", defaultValue = "1",
            description = "Cells run at once (default: ${DEFAULT-VALUE}, so solves do not compete for cores; with more, give each --workers 1).")
    int jobs;

    @Option(names = "--list", description = "Print the cells (of the shard) and whether they are done; solve nothing.")
    boolean list;

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    /** The cells of the run: all of the suite's, or those of the shard. */
    public List<BenchCell> cells(BenchSuite suite) {
        List<BenchCell> cells = suite.cells();
        if (shard == null) {
            return cells;
        }
        int[] part = parseShard(shard);
        return BenchSuite.shard(cells, part[0], part[1]);
    }

    /**
     * Runs the suite's cells (or lists them) into {@code directory}, then rebuilds the analysis from every cell
     * stored there.
     *
     * @return the analysis, or null when the cells were only listed
     * @throws org.carbonaware.planner.app.PlannerException after the analysis, when a cell failed
     */
    public BenchAnalysis.Written run(BenchSuite suite, Path directory, CellRun cellRun) {
        if (jobs < 1) {
            throw new CommandLine.ParameterException(mixee.commandLine(), "--jobs must be >= 1, got " + jobs + ".");
        }
        List<BenchCell> cells = cells(suite);
        PrintWriter err = mixee.commandLine().getErr();
        if (list) {
            PrintWriter out = mixee.commandLine().getOut();
            for (BenchCell cell : cells) {
                out.println(cell.id() + (BenchRunner.done(directory, cell) ? " done" : " pending"));
            }
            out.flush();
            return null;
        }
        BenchRunner.RunStats stats = BenchRunner.run(suite, cells, directory, jobs, cellRun, err);
        BenchAnalysis.Written written = BenchAnalysis.write(directory);
        err.printf("%s: ran %d cell(s), skipped %d done; %d cell(s) in %s; wrote %s%n", mixee.name(), stats.ran(), stats.skipped(),
                written.results().rowList().size(), directory, String.join(", ", written.files().stream()
                        .map(f -> f.getFileName().toString()).toList()));
        err.flush();
        stats.throwIfFailed(directory);
        return written;
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
        throw new CommandLine.ParameterException(mixee.commandLine(),
                "--shard %s: expected I/N with 1 <= I <= N, e.g. 2/8.".formatted(value));
    }
}
