package org.carbonaware.planner.bench;

import java.nio.file.Path;

/**
 * One (instance, solver, seed) run of a benchmark.
 *
 * @param instanceFile the instance JSON file
 * @param instanceKey the file name without {@code .json}; names the cell's files, so it is known even when the
 *                    instance cannot be read
 */
public record BenchCell(Path instanceFile, String instanceKey, String solver, long seed) {

    /** Names the cell's result and solution files: {@code <instance>-<solver>-s<seed>}. */
    public String id() {
        return instanceKey + "-" + solver + "-s" + seed;
    }

    public static String keyOf(Path instanceFile) {
        return instanceFile.getFileName().toString().replaceFirst("\\.json$", "");
    }
}
