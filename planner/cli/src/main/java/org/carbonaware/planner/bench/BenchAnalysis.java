package org.carbonaware.planner.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.carbonaware.planner.common.AtomicFiles;
import org.carbonaware.planner.common.InputException;

/**
 * The analysis step of the pipeline, separate from running (as in jMetal's experiment framework): reads only the
 * stored cell results (and solutions, for the plan charts) of a benchmark directory and writes
 * {@code results.csv}, {@code summary.csv}, {@code report.html} and, when cells have deadline slacks,
 * {@code pareto.csv} and {@code pareto.svg}. Re-running it never solves anything.
 */
public final class BenchAnalysis {

    public static final String HTML = "report.html";

    private BenchAnalysis() {
    }

    /** What was analysed and the files written. */
    public record Written(BenchResults results, List<Path> files) {
    }

    public static Written write(Path directory) {
        BenchResults results = BenchResults.load(directory);
        List<Path> files = new ArrayList<>();
        files.add(write(directory.resolve(BenchResults.CSV), results.toCsv()));
        files.add(write(directory.resolve(BenchSummary.CSV), BenchSummary.csv(results)));
        if (Frontier.applies(results)) {
            files.add(write(directory.resolve(Frontier.CSV), Frontier.csv(results)));
            files.add(write(directory.resolve(Frontier.SVG), Frontier.svg(results)));
        } else {
            // a frontier left from an earlier analysis of other cells would contradict results.csv
            deleteIfPresent(directory.resolve(Frontier.CSV));
            deleteIfPresent(directory.resolve(Frontier.SVG));
        }
        files.add(write(directory.resolve(HTML), Report.html(results)));
        return new Written(results, files);
    }

    /** The frontier table of a directory's cells (what {@code pareto} prints on stdout). */
    public static String frontierCsv(BenchResults results) {
        return Frontier.csv(results);
    }

    private static Path write(Path file, String content) {
        AtomicFiles.writeString(file, content);
        return file;
    }

    private static void deleteIfPresent(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (java.io.IOException e) {
            throw new InputException(file + ": cannot remove the outdated file: " + e.getMessage());
        }
    }
}
