package org.carbonaware.planner.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.carbonaware.planner.common.Csv;
import org.carbonaware.planner.common.InputException;

/**
 * Compares the {@code results.csv} of two benchmark directories cell by cell: the same cells, the same status and
 * objectives that agree to a relative tolerance. Used to check that a distributed run (shards merged) reproduces a
 * single-process run, or that a rerun on another machine gives the same plans.
 */
public final class BenchDiff {

    static final List<String> KEY = List.of("instance", "variant", "solver", "seed");

    private BenchDiff() {
    }

    /** The differences, one line each; empty when the two agree. */
    public static List<String> compare(Path first, Path second, double tolerance) {
        Map<String, Csv.Row> a = cells(first);
        Map<String, Csv.Row> b = cells(second);
        List<String> differences = new ArrayList<>();
        TreeSet<String> all = new TreeSet<>(a.keySet());
        all.addAll(b.keySet());
        for (String cell : all) {
            Csv.Row x = a.get(cell);
            Csv.Row y = b.get(cell);
            if (x == null || y == null) {
                differences.add("%s: only in %s".formatted(cell, x == null ? second : first));
                continue;
            }
            if (!x.get("status").equals(y.get("status"))) {
                differences.add("%s: status %s vs %s".formatted(cell, x.get("status"), y.get("status")));
                continue;
            }
            String kgA = x.get("objectiveKg");
            String kgB = y.get("objectiveKg");
            if (kgA.isEmpty() != kgB.isEmpty()) {
                differences.add("%s: objectiveKg '%s' vs '%s'".formatted(cell, kgA, kgB));
            } else if (!kgA.isEmpty()) {
                double p = number(first, x, kgA);
                double q = number(second, y, kgB);
                if (Math.abs(p - q) > tolerance * Math.max(Math.abs(p), Math.abs(q))) {
                    differences.add("%s: objectiveKg %s vs %s".formatted(cell, kgA, kgB));
                }
            }
        }
        return differences;
    }

    /** The number of cells of a directory's results.csv. */
    public static int cellCount(Path directory) {
        return cells(directory).size();
    }

    private static Map<String, Csv.Row> cells(Path directory) {
        Path file = directory.resolve(BenchResults.CSV);
        List<String> required = new ArrayList<>(KEY);
        required.addAll(List.of("status", "objectiveKg"));
        Map<String, Csv.Row> cells = new TreeMap<>();
        for (Csv.Row row : Csv.read(file, required).rowList()) {
            String key = BenchCell.problemKey(row.get("instance"), row.get("variant")) + "-" + row.get("solver") + "-s" + row.get("seed");
            if (cells.put(key, row) != null) {
                throw new InputException("%s:%d: cell %s is listed twice. Maybe rebuild the file with 'planner bench-report %s'?"
                        .formatted(file, row.line(), key, directory));
            }
        }
        return cells;
    }

    private static double number(Path directory, Csv.Row row, String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new InputException("%s:%d: column \"objectiveKg\": \"%s\" is not a number."
                    .formatted(directory.resolve(BenchResults.CSV), row.line(), text));
        }
    }
}
