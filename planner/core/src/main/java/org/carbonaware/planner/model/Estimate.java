package org.carbonaware.planner.model;

import java.util.List;

import org.carbonaware.planner.common.JsonFields;

/**
 * What the analytic model predicts for one configuration at one power limit. Times are per optimizer step
 * (iteration). When {@link #fits()} is false, {@link #violations()} says why; performance numbers are NaN when the
 * layout itself is invalid (divisibility), and still computed when only memory is short.
 *
 * @param powerCapWatts per-GPU power limit the estimate is for; NaN when the GPUs run at their default limit (TDP)
 * @param memory memory of the most loaded GPU
 * @param time one step of the slowest stage, by part
 * @param embodiedGramsPerHour embodied carbon of all GPUs and their servers per hour
 */
public record Estimate(ParallelConfig config, double powerCapWatts, boolean fits, List<Violation> violations, int gpus,
                       Memory memory, StepTime time, Throughput throughput, Power power, double embodiedGramsPerHour) {

    public Estimate {
        violations = List.copyOf(violations);
    }

    /** The configuration's id, with "-cap{watts}" when the estimate is for a power cap (the option id). */
    public String id() {
        return capped() ? config.id() + "-cap" + JsonFields.format(powerCapWatts) : config.id();
    }

    /** True when the estimate is for a power limit below the device default. */
    public boolean capped() {
        return !Double.isNaN(powerCapWatts);
    }

    public double tokensPerSecond() {
        return throughput.tokensPerSecond();
    }

    public double watts() {
        return power.watts();
    }

    public double wattsPerGpu() {
        return power.wattsPerGpu();
    }

    public double iterationSeconds() {
        return time.iterationSeconds();
    }

    public int microBatches() {
        return time.microBatches();
    }

    public double memoryGiBPerGpu() {
        return memory.totalGiB();
    }

    public double mfu() {
        return throughput.mfu();
    }

    public double hardwareTflopsPerGpu() {
        return throughput.hardwareTflopsPerGpu();
    }

    /** One line: every violated constraint, or "fits". */
    public String whyNot() {
        if (violations.isEmpty()) {
            return "fits";
        }
        return String.join("; ", violations.stream().map(Violation::toString).toList());
    }

    /** True when the layout is valid and only memory (or nothing) is violated, so the numbers are meaningful. */
    public boolean hasPerformance() {
        return Double.isFinite(time.iterationSeconds());
    }
}
