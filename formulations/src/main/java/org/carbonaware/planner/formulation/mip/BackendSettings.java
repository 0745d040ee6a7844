package org.carbonaware.planner.formulation.mip;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.carbonaware.planner.common.InputException;

/**
 * The backend's settings text: the defaults (tolerances, gap, seed) with the user's {@code backendOptions} laid
 * over them key by key, so replacing one setting keeps the others.
 *
 * @param text one KEY=VALUE (SCIP: name = value) per line, as MPSolver takes it
 * @param userLines the user's settings, one per entry
 * @param replacedKeys default keys the user replaced
 */
record BackendSettings(String text, List<String> userLines, List<String> replacedKeys) {

    static BackendSettings merge(String defaults, String given, String backend) {
        Map<String, String> lines = new LinkedHashMap<>();
        for (String line : defaults.split("\n")) {
            if (!line.isBlank()) {
                lines.put(key(line, backend, given), line.strip());
            }
        }
        List<String> defaultKeys = List.copyOf(lines.keySet());
        List<String> userLines = new ArrayList<>();
        List<String> replaced = new ArrayList<>();
        if (given != null) {
            for (String line : given.split("[;\n]")) {
                if (line.isBlank()) {
                    continue;
                }
                String key = key(line, backend, given);
                if (defaultKeys.contains(key) && !replaced.contains(key)) {
                    replaced.add(key);
                }
                lines.remove(key);
                lines.put(key, line.strip());
                userLines.add(line.strip());
            }
        }
        return new BackendSettings(String.join("\n", lines.values()) + "\n", List.copyOf(userLines), List.copyOf(replaced));
    }

    private static String key(String line, String backend, String given) {
        int equals = line.indexOf('=');
        if (equals <= 0 || line.substring(0, equals).isBlank()) {
            throw new InputException("option backendOptions=%s of solver mip: '%s' is not KEY=VALUE. Maybe %s?"
                    .formatted(given, line.strip(), backend.equals("SCIP") ? "limits/gap = 1e-6" : "mip_rel_gap=1e-6"));
        }
        return line.substring(0, equals).strip();
    }
}
