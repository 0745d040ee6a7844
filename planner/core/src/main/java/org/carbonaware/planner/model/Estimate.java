package org.carbonaware.planner.model;

import java.util.List;

/**
 * What the analytic model predicts for one configuration. Times are per optimizer step (iteration). When
 * {@link #fits()} is false, {@link #violations()} says why; performance numbers are NaN when the layout itself is
 * invalid (divisibility), and still computed when only memory is short.
 *
 * @param memoryGiBPerGpu peak memory of the most loaded GPU (first or last pipeline stage)
 * @param usableMemoryGiB device memory left for the job after context, workspace and fragmentation
 * @param computeSeconds busy compute of the slowest stage (no bubbles, no communication)
 * @param bubbleSeconds pipeline fill and drain ((p-1)/v micro-batch times)
 * @param tpCommSeconds tensor-parallel collectives (not overlapped)
 * @param ppCommSeconds point-to-point activation and gradient transfers between stages
 * @param dpCommSeconds exposed gradient all-reduce/reduce-scatter (the part not hidden behind the last backward)
 * @param zeroCommSeconds exposed ZeRO-3 parameter gathers
 * @param expertCommSeconds MoE all-to-all
 * @param mfu model FLOPs utilisation (no recomputation counted)
 * @param hardwareTflopsPerGpu achieved FLOP/s per GPU counting recomputation (the figure Megatron-LM reports)
 * @param gpuActivity busy fraction that scales dynamic power
 * @param wattsPerGpu accelerator power: idle + (TDP - idle) x activity
 * @param watts IT power of the whole option: GPUs plus the host share of every node (before PUE)
 * @param embodiedGramsPerHour embodied carbon of all GPUs and their servers per hour
 */
public record Estimate(
        ParallelConfig config,
        boolean fits,
        List<Violation> violations,
        int gpus,
        int microBatches,
        double weightsGiB,
        double gradientsGiB,
        double optimizerGiB,
        double activationsGiB,
        double memoryGiBPerGpu,
        double usableMemoryGiB,
        double computeSeconds,
        double bubbleSeconds,
        double tpCommSeconds,
        double ppCommSeconds,
        double dpCommSeconds,
        double zeroCommSeconds,
        double expertCommSeconds,
        double optimizerSeconds,
        double iterationSeconds,
        double tokensPerSecond,
        double mfu,
        double hardwareTflopsPerGpu,
        double gpuActivity,
        double wattsPerGpu,
        double watts,
        double embodiedGramsPerHour) {

    public Estimate {
        violations = List.copyOf(violations);
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
        return Double.isFinite(iterationSeconds);
    }
}
