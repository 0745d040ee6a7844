package org.carbonaware.planner.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.carbonaware.planner.cli.PlannerCommand;

/** Tiny instances and an in-process command runner for the benchmark tests. */
final class BenchFixtures {

    /** The exit code and both streams of one in-process command. */
    record Run(int exitCode, String out, String err) {
    }

    private BenchFixtures() {
    }

    static Run planner(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = PlannerCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    /** Writes an 8-epoch hourly instance with options of two tp/pp families, and its trace beside it. */
    static Path tinyInstance(Path directory, String name, double workloadTokens) throws IOException {
        Files.createDirectories(directory);
        Path trace = directory.resolve(name + "-trace.csv");
        StringBuilder csv = new StringBuilder("time,ci\n");
        double[] ci = {300, 120, 90, 250, 400, 80, 60, 350, 300, 300};
        for (int hour = 0; hour < ci.length; hour++) {
            csv.append("2024-01-01T%02d:00:00Z,%s%n".formatted(hour, ci[hour]));
        }
        Files.writeString(trace, csv.toString());
        Path instance = directory.resolve(name + ".json");
        Files.writeString(instance, """
                {
                  "name": "%s",
                  "start": "2024-01-01T00:00:00Z",
                  "epochMinutes": 60,
                  "deadlineHours": 8,
                  "workload": {"tokens": %s},
                  "maxGpus": 4,
                  "pue": 1.1,
                  "embodiedGramsPerGpuHour": 5,
                  "reconfiguration": {"resumeMinutes": 6, "dpChangeMinutes": 2, "reshardMinutes": 10},
                  "carbonIntensity": {"file": "%s", "column": "ci"},
                  "options": [
                    {"dp": 1, "tp": 1, "pp": 1, "tokensPerSecond": 1000, "watts": 300},
                    {"dp": 2, "tp": 1, "pp": 1, "tokensPerSecond": 1900, "watts": 600},
                    {"dp": 1, "tp": 2, "pp": 1, "tokensPerSecond": 1850, "watts": 560}
                  ]
                }
                """.formatted(name, workloadTokens, trace.getFileName()));
        return instance;
    }

    static Path tinyInstance(Path directory, String name) throws IOException {
        return tinyInstance(directory, name, 1.08e7);
    }
}
