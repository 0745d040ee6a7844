package org.carbonaware.planner.model;

import java.util.Map;

/**
 * One accelerator as the analytic model sees it (catalogue entry, {@code catalogue/devices.json}).
 *
 * @param peakTflops dense FP16/BF16 tensor throughput
 * @param peakTflopsFp8 dense FP8 throughput, 0 when the device has none
 * @param nvlinkGBps intra-node link bandwidth per GPU, both directions together (datasheet convention)
 * @param interNodeGBpsPerGpu network bandwidth per GPU between nodes, one direction
 * @param idleWatts power of an idle device (the static part of its power)
 * @param hostWattsPerNode CPUs, NICs, switches and fans of one node while training
 * @param hostKgPerNode embodied carbon of one server without its accelerators
 * @param voltageFloorClockShare share of the maximum clock below which the core voltage stops falling (DVFS): dynamic
 *        power goes as f^3 above it and as f below it
 * @param unthrottledPowerRatio dynamic power a compute-bound phase would draw at the maximum clock over the dynamic
 *        budget at TDP (TDP - idle); above 1, large GEMMs are power-limited at TDP
 * @param sourceMap where each number comes from (keys are comma-separated field names)
 */
public record DeviceSpec(
        String id,
        String name,
        double peakTflops,
        double peakTflopsFp8,
        double memoryGiB,
        double hbmGBps,
        double nvlinkGBps,
        double interNodeGBpsPerGpu,
        int gpusPerNode,
        double tdpWatts,
        double idleWatts,
        double hostWattsPerNode,
        double dieAreaMm2,
        String processNode,
        double logicKgPerCm2,
        double hbmKgPerGB,
        double hostKgPerNode,
        double lifetimeYears,
        double voltageFloorClockShare,
        double unthrottledPowerRatio,
        Map<String, String> sourceMap) {

    public DeviceSpec {
        sourceMap = sourceMap == null ? Map.of() : Map.copyOf(sourceMap);
    }

    /** Peak throughput for a precision: FP8 falls back to BF16 on devices without FP8 tensor cores. */
    public double peakFlops(Precision precision) {
        double tflops = precision == Precision.FP8 && peakTflopsFp8 > 0 ? peakTflopsFp8 : peakTflops;
        return tflops * 1e12;
    }

    /** Embodied kg CO2e of the die and its memory (CarbonScaling eq. 5: area x carbon-per-area). */
    public double chipEmbodiedKg() {
        return dieAreaMm2 / 100.0 * logicKgPerCm2 + memoryGiB * 1.073741824 * hbmKgPerGB;
    }

    /** Chip plus its share of the server, amortised over the lifetime, per GPU-hour. */
    public double embodiedGramsPerGpuHour() {
        double kg = chipEmbodiedKg() + hostKgPerNode / gpusPerNode;
        return kg * 1000.0 / (lifetimeYears * 365.0 * 24.0);
    }

    public DeviceSpec withInterNodeGBpsPerGpu(double value) {
        return new DeviceSpec(id, name, peakTflops, peakTflopsFp8, memoryGiB, hbmGBps, nvlinkGBps, value, gpusPerNode,
                tdpWatts, idleWatts, hostWattsPerNode, dieAreaMm2, processNode, logicKgPerCm2, hbmKgPerGB, hostKgPerNode,
                lifetimeYears, voltageFloorClockShare, unthrottledPowerRatio, sourceMap);
    }
}
