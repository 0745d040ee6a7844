package org.carbonaware.planner.bench;

import java.nio.file.Path;

/**
 * One run of a benchmark: an instance in one variant, one solver, one seed.
 *
 * @param instanceFile the instance JSON file
 * @param instanceKey the file name without {@code .json}; names the cell's files, so it is known even when the
 *                    instance cannot be read
 * @param variant how the instance is changed before solving ({@link Variant#NONE}: as written)
 */
public record BenchCell(Path instanceFile, String instanceKey, Variant variant, String solver, long seed) {

    /** A cell of the instance as written. */
    public BenchCell(Path instanceFile, String instanceKey, String solver, long seed) {
        this(instanceFile, instanceKey, Variant.NONE, solver, seed);
    }

    /** The problem this cell solves, shared by every solver and seed: {@code <instance>} or {@code <instance>~<variant>}. */
    public String problemKey() {
        return problemKey(instanceKey, variant.key());
    }

    /** Names the cell's result and solution files: {@code <problem key>-<solver>-s<seed>}. */
    public String id() {
        return problemKey() + "-" + solver + "-s" + seed;
    }

    static String problemKey(String instanceKey, String variantKey) {
        return variantKey.isEmpty() ? instanceKey : instanceKey + "~" + variantKey;
    }

    public static String keyOf(Path instanceFile) {
        return instanceFile.getFileName().toString().replaceFirst("\\.json$", "");
    }
}
