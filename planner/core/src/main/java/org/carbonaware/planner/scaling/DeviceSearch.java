package org.carbonaware.planner.scaling;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import org.carbonaware.planner.model.AnalyticModel;
import org.carbonaware.planner.model.DeviceSpec;
import org.carbonaware.planner.model.Estimate;
import org.carbonaware.planner.model.ModelSpec;
import org.carbonaware.planner.model.ParallelConfig;
import org.carbonaware.planner.model.Recompute;
import org.carbonaware.planner.model.TrainingSpec;

/**
 * CarbonScaling Algorithm 1: start from the ideal device count C / (days x peak), raise it until some parallel layout
 * fits in memory and finishes within the time limit, and return the fastest layout at that count. Counts are the
 * ladder 2^k, 3 x 2^k (steps of x1.5 and x1.33) instead of +1, which keeps the search to a few dozen counts even
 * for 10^5 devices; the minimum found is therefore at most 1.5 times the true minimum.
 */
public final class DeviceSearch {

    /** Largest device count tried before a size is reported as infeasible. */
    public static final int MAX_DEVICES = 1 << 22;
    static final int[] MICRO_BATCHES = {1, 2, 4, 8};
    static final int[] INTERLEAVES = {1, 2, 4};

    /**
     * @param estimate the analytic model's numbers of the chosen layout
     * @param days training time for the run's tokens
     * @param countsTried device counts evaluated
     * @param layoutsTried layouts evaluated
     */
    public record Found(Estimate estimate, double days, int countsTried, long layoutsTried) {
    }

    private DeviceSearch() {
    }

    public static Optional<Found> search(ModelSpec model, DeviceSpec device, TrainingSpec training, double tokens, double maxDays) {
        double flops = model.modelFlopsPerToken(training.sequenceLength()) * tokens;
        double ideal = flops / (maxDays * 86_400.0 * device.peakFlops(training.precision()));
        // Weights, gradients and Adam states (16 bytes per parameter) must fit somewhere, whatever the layout.
        double memoryFloor = 16.0 * model.totalParams() / (AnalyticModel.usableMemoryGiB(device) * 1024.0 * 1024 * 1024);
        double start = Math.max(1.0, Math.max(ideal, memoryFloor));
        int counts = 0;
        long layouts = 0;
        for (int gpus : ladderFrom(start)) {
            counts++;
            long[] tried = new long[1];
            Optional<Estimate> best = fastestAt(model, device, training, gpus, tried);
            layouts += tried[0];
            if (best.isPresent()) {
                double days = tokens / best.get().tokensPerSecond() / 86_400.0;
                if (days <= maxDays) {
                    return Optional.of(new Found(best.get(), days, counts, layouts));
                }
            }
        }
        return Optional.empty();
    }

    /** The fastest layout of exactly {@code gpus} devices that fits in memory; {@code tried[0]} counts the layouts evaluated. */
    static Optional<Estimate> fastestAt(ModelSpec model, DeviceSpec device, TrainingSpec training, int gpus, long[] tried) {
        Estimate best = null;
        for (int tp = 1; tp <= Math.min(gpus, device.gpusPerNode()); tp *= 2) {
            if (gpus % tp != 0) {
                continue;
            }
            for (int pp = 1; pp <= model.layers() && (long) tp * pp <= gpus; pp++) {
                if (model.layers() % pp != 0 || gpus % (tp * pp) != 0) {
                    continue;
                }
                int dp = gpus / (tp * pp);
                if (training.globalBatchSequences() % dp != 0) {
                    continue;
                }
                for (Estimate estimate : layoutsOf(model, device, training, dp, tp, pp)) {
                    tried[0]++;
                    if (estimate.fits() && (best == null || estimate.tokensPerSecond() > best.tokensPerSecond())) {
                        best = estimate;
                    }
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** Every knob setting of one (dp, tp, pp): micro-batch, interleave, ZeRO stage, recomputation; ep as large as possible. */
    private static List<Estimate> layoutsOf(ModelSpec model, DeviceSpec device, TrainingSpec training, int dp, int tp, int pp) {
        List<Estimate> list = new ArrayList<>();
        int perReplica = training.globalBatchSequences() / dp;
        int ep = model.isMoe() ? gcd(model.experts(), dp) : 1;
        for (int mb : MICRO_BATCHES) {
            if (mb > perReplica || perReplica % mb != 0) {
                continue;
            }
            int microBatches = perReplica / mb;
            for (int v : INTERLEAVES) {
                if (v > 1 && (pp == 1 || model.layers() % (pp * v) != 0 || microBatches % pp != 0)) {
                    continue;
                }
                for (int zero = 0; zero <= (pp == 1 ? 3 : 1); zero++) {
                    if (zero > 0 && dp == 1) {
                        continue;
                    }
                    for (Recompute recompute : new Recompute[] {Recompute.NONE, Recompute.FULL}) {
                        ParallelConfig config = new ParallelConfig(dp, tp, pp, mb, v, zero, recompute, tp > 1, ep);
                        list.add(AnalyticModel.estimate(model, device, training, config));
                    }
                }
            }
        }
        return list;
    }

    /** 2^k and 3 x 2^(k-1) from the first one >= start up to {@link #MAX_DEVICES}. */
    static TreeSet<Integer> ladderFrom(double start) {
        TreeSet<Integer> set = new TreeSet<>();
        for (long power = 1; power <= MAX_DEVICES; power *= 2) {
            if (power >= start) {
                set.add((int) power);
            }
            long threeHalves = power * 3 / 2;
            if (power >= 2 && threeHalves >= start && threeHalves <= MAX_DEVICES) {
                set.add((int) threeHalves);
            }
        }
        Integer first = set.ceiling((int) Math.min(Integer.MAX_VALUE, Math.ceil(start)));
        return first == null ? new TreeSet<>() : new TreeSet<>(set.tailSet(first));
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
