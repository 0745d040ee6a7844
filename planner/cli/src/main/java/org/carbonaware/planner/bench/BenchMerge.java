package org.carbonaware.planner.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.carbonaware.planner.common.AtomicFiles;
import org.carbonaware.planner.common.InputException;

/**
 * Joins benchmark directories (for example the shards of a batch job) into one: their cell results and solution
 * files are copied, and a cell present in several inputs keeps the first result that did not fail.
 */
public final class BenchMerge {

    /** How many cells were taken, and how many duplicates were left out. */
    public record MergeStats(int copied, int duplicates) {
    }

    private BenchMerge() {
    }

    public static MergeStats merge(List<Path> inputs, Path out, PrintWriter err) {
        int copied = 0;
        int duplicates = 0;
        Path outAbsolute = out.toAbsolutePath().normalize();
        for (Path input : inputs) {
            if (input.toAbsolutePath().normalize().equals(outAbsolute)) {
                continue; // merging into one of the inputs: its own cells are already there
            }
            Path cells = input.resolve(BenchRunner.CELLS);
            if (!Files.isDirectory(cells)) {
                throw new InputException(input + ": no " + BenchRunner.CELLS + "/ directory; is this a benchmark output directory?");
            }
            for (Path file : list(cells)) {
                if (!file.getFileName().toString().endsWith(".json")) {
                    continue;
                }
                CellResult incoming = CellResult.read(file);
                Path target = out.resolve(BenchRunner.CELLS).resolve(file.getFileName());
                if (Files.exists(target)) {
                    CellResult existing = CellResult.read(target);
                    if (!existing.failed() || incoming.failed()) {
                        duplicates++;
                        err.println("bench-merge: %s is in more than one input; keeping the result already in %s".formatted(
                                incoming.id(), out));
                        continue;
                    }
                }
                if (incoming.solution() != null) {
                    copySolution(input.resolve(incoming.solution()), out.resolve(incoming.solution()));
                }
                AtomicFiles.writeBytes(target, read(file));
                copied++;
            }
        }
        return new MergeStats(copied, duplicates);
    }

    private static void copySolution(Path json, Path target) {
        if (!Files.isRegularFile(json)) {
            return; // the report says which solutions are missing
        }
        AtomicFiles.writeBytes(target, read(json));
        String name = json.getFileName().toString().replaceFirst("\\.json$", ".epochs.csv");
        Path csv = json.resolveSibling(name);
        if (Files.isRegularFile(csv)) {
            AtomicFiles.writeBytes(target.resolveSibling(name), read(csv));
        }
    }

    private static List<Path> list(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.sorted().toList();
        } catch (IOException e) {
            throw new InputException(directory + ": cannot list: " + e.getMessage());
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InputException(file + ": cannot read: " + e.getMessage());
        }
    }
}
