package org.carbonaware.planner.scaling;

import java.util.LinkedHashMap;
import java.util.Map;

import org.carbonaware.planner.model.DeviceSpec;

/**
 * Derived devices of the study: future hardware extrapolated with CarbonScaling Table 2's annual rates, optional
 * yearly growth of carbon per area (EUV), quantisation-aware training, and the lifetime override.
 */
public final class HardwareVariants {

    /** Table 2 annual rates (Akarvardar and Wong 2023). */
    public static final double CORE_THROUGHPUT_RATE = 1.3;
    public static final double CORE_POWER_RATE = 1.03;
    public static final double CORE_AREA_RATE = 1.05;
    public static final double HBM_BANDWIDTH_RATE = 1.25;
    public static final double HBM_CAPACITY_RATE = 1.24;
    public static final double LINK_BANDWIDTH_RATE = 1.11;
    /** Bits of the quantised compute, memory and communication under QAT (against 16-bit mixed precision). */
    public static final int QAT_BITS = 8;

    private HardwareVariants() {
    }

    /**
     * The device {@code years} ahead: peak x 1.3^y, TDP and idle power x 1.03^y, die area x 1.05^y, HBM bandwidth
     * x 1.25^y, HBM capacity x 1.24^y, intra- and inter-node link bandwidth x 1.11^y (Table 2 gives the NVLink rate
     * only; the network is assumed to keep pace), logic and HBM carbon per area x (1 + cpaGrowth)^y. Host power and
     * host embodied carbon stay as they are.
     */
    public static DeviceSpec project(DeviceSpec base, int years, double cpaGrowth, String id) {
        if (years < 0 || cpaGrowth < 0) {
            throw new IllegalArgumentException("years and CPA growth must be >= 0");
        }
        double throughput = Math.pow(CORE_THROUGHPUT_RATE, years);
        double power = Math.pow(CORE_POWER_RATE, years);
        double link = Math.pow(LINK_BANDWIDTH_RATE, years);
        double cpa = Math.pow(1 + cpaGrowth, years);
        Map<String, String> sources = new LinkedHashMap<>(base.sourceMap());
        sources.put("projection", "%s extrapolated %d years with CarbonScaling Table 2 rates, carbon per area x %.3f"
                .formatted(base.id(), years, cpa));
        return new DeviceSpec(id, base.name() + " +" + years + "y", base.peakTflops() * throughput,
                base.peakTflopsFp8() * throughput, base.memoryGiB() * Math.pow(HBM_CAPACITY_RATE, years),
                base.hbmGBps() * Math.pow(HBM_BANDWIDTH_RATE, years), base.nvlinkGBps() * link,
                base.interNodeGBpsPerGpu() * link, base.gpusPerNode(), base.tdpWatts() * power, base.idleWatts() * power,
                base.hostWattsPerNode(), base.dieAreaMm2() * Math.pow(CORE_AREA_RATE, years), base.processNode() + " +" + years + "y",
                base.logicKgPerCm2() * cpa, base.hbmKgPerGB() * cpa, base.hostKgPerNode(), base.lifetimeYears(),
                base.voltageFloorClockShare(), base.unthrottledPowerRatio(), sources);
    }

    /**
     * Quantisation-aware training at {@link #QAT_BITS} bits, as a device that handles 16/8 = 2 times the values per
     * unit: peak FLOP/s, memory capacity (in values), HBM and link bandwidth are doubled. Power is unchanged and the
     * embodied carbon is kept as it is (the HBM carbon per GB is divided by the same factor).
     */
    public static DeviceSpec qat(DeviceSpec base) {
        double factor = 16.0 / QAT_BITS;
        Map<String, String> sources = new LinkedHashMap<>(base.sourceMap());
        sources.put("qat", "%d-bit quantisation-aware training: compute, memory and communication x %.0f".formatted(QAT_BITS, factor));
        return new DeviceSpec(base.id() + "+QAT", base.name() + " QAT" + QAT_BITS, base.peakTflops() * factor, 0,
                base.memoryGiB() * factor, base.hbmGBps() * factor, base.nvlinkGBps() * factor,
                base.interNodeGBpsPerGpu() * factor, base.gpusPerNode(), base.tdpWatts(), base.idleWatts(),
                base.hostWattsPerNode(), base.dieAreaMm2(), base.processNode(), base.logicKgPerCm2(),
                base.hbmKgPerGB() / factor, base.hostKgPerNode(), base.lifetimeYears(), base.voltageFloorClockShare(),
                base.unthrottledPowerRatio(), sources);
    }

    /** The same device with another service lifetime for amortising its embodied carbon. */
    public static DeviceSpec withLifetime(DeviceSpec base, double lifetimeYears) {
        if (!(lifetimeYears > 0)) {
            throw new IllegalArgumentException("lifetime must be > 0 years, got " + lifetimeYears);
        }
        return new DeviceSpec(base.id(), base.name(), base.peakTflops(), base.peakTflopsFp8(), base.memoryGiB(), base.hbmGBps(),
                base.nvlinkGBps(), base.interNodeGBpsPerGpu(), base.gpusPerNode(), base.tdpWatts(), base.idleWatts(),
                base.hostWattsPerNode(), base.dieAreaMm2(), base.processNode(), base.logicKgPerCm2(), base.hbmKgPerGB(),
                base.hostKgPerNode(), lifetimeYears, base.voltageFloorClockShare(), base.unthrottledPowerRatio(), base.sourceMap());
    }
}
