package org.carbonaware.planner.formulation.timefold;

import java.time.Instant;
import java.util.List;

import org.carbonaware.planner.domain.CarbonIntensitySource;
import org.carbonaware.planner.domain.Instance;
import org.carbonaware.planner.domain.Option;
import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.domain.Reconfiguration;

/** Small hand-made problems for the Timefold tests. */
final class TinyProblems {

    private TinyProblems() {
    }

    /**
     * Hourly epochs, options A (tp2-pp1, 8 GPUs), B (same family, 16 GPUs) and C (tp4-pp1, 16 GPUs) plus a
     * 64-GPU option D above maxGpus=32 that the instance filters out.
     */
    static Problem problem(double[] carbonIntensity, double workloadTokens) {
        int maxGpus = 32;
        List<Option> options = List.of(
                new Option(4, 2, 1, 8, 1000, 3000),
                new Option(8, 2, 1, 16, 1900, 6000),
                new Option(4, 4, 1, 16, 2100, 6500),
                new Option(16, 4, 1, 64, 8000, 25000));
        Instance instance = new Instance("tiny", Instant.parse("2024-01-01T00:00:00Z"), 60, carbonIntensity.length,
                workloadTokens, maxGpus, 1.2, 5.0, 100, new Reconfiguration(10, 3, 20),
                new CarbonIntensitySource(null, null), options, null);
        return new Problem(instance, carbonIntensity);
    }
}
