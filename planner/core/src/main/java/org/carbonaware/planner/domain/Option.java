package org.carbonaware.planner.domain;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One runnable configuration of the training job: a parallel layout and what it delivers.
 *
 * @param id optional stable identifier; needed only when two options share dp, tp and pp
 * @param dp data-parallel degree
 * @param tp tensor-parallel degree
 * @param pp pipeline-parallel degree
 * @param gpus devices the option occupies
 * @param tokensPerSecond training throughput
 * @param watts IT power drawn while the option runs (before PUE)
 * @param powerCapWatts per-GPU power limit the option runs at; null for the GPUs' default limit
 */
public record Option(String id, int dp, int tp, int pp, int gpus, double tokensPerSecond, double watts, Double powerCapWatts) {

    public Option {
        if (dp < 1 || tp < 1 || pp < 1) {
            throw new IllegalArgumentException("Option dp/tp/pp must be >= 1, got dp=%d tp=%d pp=%d".formatted(dp, tp, pp));
        }
        if (gpus < 1) {
            throw new IllegalArgumentException("Option gpus must be >= 1, got " + gpus);
        }
        if (!(tokensPerSecond > 0) || !Double.isFinite(tokensPerSecond)) {
            throw new IllegalArgumentException("Option tokensPerSecond must be a positive number, got " + tokensPerSecond);
        }
        if (!(watts >= 0) || !Double.isFinite(watts)) {
            throw new IllegalArgumentException("Option watts must be a non-negative number, got " + watts);
        }
        if (powerCapWatts != null && (!(powerCapWatts > 0) || !Double.isFinite(powerCapWatts))) {
            throw new IllegalArgumentException("Option powerCapWatts must be a positive number, got " + powerCapWatts);
        }
    }

    public Option(String id, int dp, int tp, int pp, int gpus, double tokensPerSecond, double watts) {
        this(id, dp, tp, pp, gpus, tokensPerSecond, watts, null);
    }

    /** The one "fastest option" rule: most tokens per second; ties go to fewer watts, then fewer GPUs. */
    public static final Comparator<Option> FASTEST_FIRST = Comparator.comparingDouble(Option::tokensPerSecond).reversed()
            .thenComparingDouble(Option::watts).thenComparingInt(Option::gpus);

    /** The first of {@code options} under {@link #FASTEST_FIRST} (the earliest listed on a full tie), or empty. */
    public static Optional<Option> fastest(List<Option> options) {
        return options.stream().min(FASTEST_FIRST);
    }

    public Option(int dp, int tp, int pp, int gpus, double tokensPerSecond, double watts) {
        this(null, dp, tp, pp, gpus, tokensPerSecond, watts, null);
    }

    public boolean capped() {
        return powerCapWatts != null;
    }

    /**
     * Moving to {@code other} changes only the power limit: same dp, tp, pp and GPUs, another cap. That takes seconds
     * (nvidia-smi -pl) and no checkpoint, its own reconfiguration tier.
     */
    public boolean capChangeOnly(Option other) {
        return dp == other.dp && tp == other.tp && pp == other.pp && gpus == other.gpus
                && !java.util.Objects.equals(powerCapWatts, other.powerCapWatts);
    }

    /** Options of one family share tp and pp, so moving between them only changes DP. */
    public boolean sameFamily(Option other) {
        return tp == other.tp && pp == other.pp;
    }

    public String familyLabel() {
        return "tp" + tp + "-pp" + pp;
    }

    public String label() {
        if (id != null) {
            return id;
        }
        return "dp" + dp + "-tp" + tp + "-pp" + pp + (powerCapWatts != null ? "-cap" + capLabel(powerCapWatts) : "");
    }

    private static String capLabel(double watts) {
        return watts == Math.rint(watts) ? Long.toString((long) watts) : Double.toString(watts);
    }
}
