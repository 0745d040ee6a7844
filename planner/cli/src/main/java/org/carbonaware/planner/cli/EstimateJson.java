package org.carbonaware.planner.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.carbonaware.planner.model.Estimate;
import org.carbonaware.planner.model.Memory;
import org.carbonaware.planner.model.ParallelConfig;
import org.carbonaware.planner.model.StepTime;
import org.carbonaware.planner.model.Violation;
import org.carbonaware.planner.model.WholeRun;

/** The fields of an estimate as printed by {@code planner estimate} and {@code planner options}. */
final class EstimateJson {

    static final List<String> CSV_COLUMNS = List.of("id", "dp", "tp", "pp", "gpus", "microBatch", "interleave", "zeroStage",
            "recompute", "recomputeLayers", "sequenceParallel", "ep", "powerCapWatts", "tokensPerSecond", "watts", "wattsPerGpu", "memoryGiBPerGpu",
            "iterationSeconds", "mfu", "embodiedGramsPerHour");

    private EstimateJson() {
    }

    static Map<String, Object> map(Estimate e) {
        ParallelConfig c = e.config();
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", e.id());
        map.put("fits", e.fits());
        map.put("violations", e.violations().stream().map(EstimateJson::violation).toList());
        map.put("dp", c.dp());
        map.put("tp", c.tp());
        map.put("pp", c.pp());
        map.put("gpus", e.gpus());
        map.put("microBatch", c.microBatch());
        map.put("interleave", c.interleave());
        map.put("zeroStage", c.zeroStage());
        map.put("recompute", c.recompute().label());
        map.put("recomputeLayers", c.partialRecompute() ? c.recomputeLayers() : null);
        map.put("sequenceParallel", c.sequenceParallel());
        map.put("ep", c.ep());
        map.put("powerCapWatts", e.capped() ? e.powerCapWatts() : null);
        map.put("microBatches", e.microBatches());
        Memory memory = e.memory();
        map.put("memoryGiBPerGpu", number(memory.totalGiB()));
        map.put("usableMemoryGiB", number(memory.usableGiB()));
        map.put("weightsGiB", number(memory.weightsGiB()));
        map.put("gradientsGiB", number(memory.gradientsGiB()));
        map.put("optimizerGiB", number(memory.optimizerGiB()));
        map.put("activationsGiB", number(memory.activationsGiB()));
        StepTime time = e.time();
        map.put("iterationSeconds", number(time.iterationSeconds()));
        map.put("computeSeconds", number(time.computeSeconds()));
        map.put("bubbleSeconds", number(time.bubbleSeconds()));
        map.put("tpCommSeconds", number(time.tpCommSeconds()));
        map.put("ppCommSeconds", number(time.ppCommSeconds()));
        map.put("dpCommSeconds", number(time.dpCommSeconds()));
        map.put("zeroCommSeconds", number(time.zeroCommSeconds()));
        map.put("expertCommSeconds", number(time.expertCommSeconds()));
        map.put("optimizerSeconds", number(time.optimizerSeconds()));
        map.put("tokensPerSecond", number(e.tokensPerSecond()));
        map.put("mfu", number(e.mfu()));
        map.put("hardwareTflopsPerGpu", number(e.hardwareTflopsPerGpu()));
        map.put("computeClock", number(e.power().computeClock()));
        map.put("gpuActivity", number(e.power().gpuActivity()));
        map.put("wattsPerGpu", number(e.wattsPerGpu()));
        map.put("watts", number(e.watts()));
        map.put("embodiedGramsPerHour", number(e.embodiedGramsPerHour()));
        return map;
    }

    static Map<String, Object> wholeRun(WholeRun run) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("tokens", run.tokens());
        map.put("goodput", WholeRun.GOODPUT);
        map.put("steadyHours", number(run.steadyHours()));
        map.put("hours", number(run.hours()));
        map.put("gpuHours", number(run.gpuHours()));
        map.put("steadyEnergyKwh", number(run.steadyEnergyKwh()));
        map.put("energyKwh", number(run.energyKwh()));
        return map;
    }

    private static Map<String, String> violation(Violation v) {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("constraint", v.constraint());
        map.put("message", v.message());
        return map;
    }

    /** JSON has no NaN: unknown numbers are null. */
    static Object number(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
