package org.carbonaware.planner.domain;

/**
 * How an epoch in which two or more sites run is counted: every running site trains its own replica and the
 * replicas are averaged once per round (FedAvg / DiLoCo style). Such an epoch trains
 * {@code throughputFactor × tokenEfficiency ×} the sum of the sites' solo tokens.
 *
 * @param throughputFactor share of a federated epoch's time spent training rather than synchronising, in (0, 1];
 *     NaN when it follows from the synchronisation: {@code roundMinutes / (roundMinutes + sync minutes)} with sync
 *     minutes = {@code 2 × modelBytes × 8 / bandwidth / 60} over the slowest running site's WAN bandwidth (each
 *     round every site uploads its replica and downloads the average)
 * @param tokenEfficiency worth of a federated token relative to a synchronous one, in (0, 1]
 * @param roundMinutes length of a synchronisation round (0 when not given)
 * @param switchAtRoundBoundaries when true, the state changes only at epochs that start on a round boundary
 *     (multiples of {@code roundMinutes} from the instance start)
 * @param modelBytes bytes of one replica exchanged per round (NaN when the factor is given directly)
 * @param wanBitsPerSecond WAN bandwidth of a site that gives none of its own (NaN when every site gives one, or
 *     the factor is given directly)
 */
public record Federation(double throughputFactor, double tokenEfficiency, double roundMinutes,
                         boolean switchAtRoundBoundaries, double modelBytes, double wanBitsPerSecond) {

    /**
     * Default federated token efficiency: 1, i.e. a federated token counts as a synchronous one. Well-tuned DiLoCo
     * reaches an evaluation loss at or below data-parallel training's for a fixed token budget (Charles et al.,
     * "Scaling Laws for DiLoCo", arXiv 2503.09799), and the curtailment study's federated run ends within 0.3
     * perplexity of its centralised baseline (arXiv 2602.22760); plain weight averaging without an outer optimiser
     * may do worse, so benchmarks/multisite/README.md gives the sensitivity to lower values.
     */
    public static final double DEFAULT_TOKEN_EFFICIENCY = 1.0;

    /** No synchronisation cost and full token value: the neutral default of an instance without "federation". */
    public static final Federation NONE = new Federation(1, DEFAULT_TOKEN_EFFICIENCY, 0, false, Double.NaN, Double.NaN);

    public Federation {
        if (Double.isNaN(throughputFactor)) {
            if (!(modelBytes > 0) || !(roundMinutes > 0)) {
                throw new IllegalArgumentException("a federation without throughputFactor needs modelBytes > 0 and roundMinutes > 0");
            }
        } else if (!(throughputFactor > 0 && throughputFactor <= 1)) {
            throw new IllegalArgumentException("throughputFactor must be in (0, 1], got " + throughputFactor);
        }
        if (!(tokenEfficiency > 0 && tokenEfficiency <= 1)) {
            throw new IllegalArgumentException("tokenEfficiency must be in (0, 1], got " + tokenEfficiency);
        }
        if (!(roundMinutes >= 0) || !Double.isFinite(roundMinutes)) {
            throw new IllegalArgumentException("roundMinutes must be a non-negative number, got " + roundMinutes);
        }
        if (switchAtRoundBoundaries && roundMinutes <= 0) {
            throw new IllegalArgumentException("switchAtRoundBoundaries needs roundMinutes > 0");
        }
    }

    /** Minutes one round's synchronisation takes over the WAN: upload and download of one replica. */
    public static double syncMinutes(double modelBytes, double wanBitsPerSecond) {
        return 2 * modelBytes * 8 / wanBitsPerSecond / 60.0;
    }

    /** Whether the throughput factor follows from model bytes and bandwidth rather than being given. */
    public boolean syncModelled() {
        return Double.isNaN(throughputFactor);
    }

    /**
     * The throughput factor of a federated epoch whose slowest running site synchronises at {@code bitsPerSecond}:
     * the given factor, or rounds of {@code roundMinutes} training each followed by one synchronisation.
     */
    public double throughputFactor(double bitsPerSecond) {
        if (!syncModelled()) {
            return throughputFactor;
        }
        return roundMinutes / (roundMinutes + syncMinutes(modelBytes, bitsPerSecond));
    }

    public Federation withThroughputFactor(double factor) {
        return new Federation(factor, tokenEfficiency, roundMinutes, switchAtRoundBoundaries, modelBytes, wanBitsPerSecond);
    }

    public Federation withTokenEfficiency(double efficiency) {
        return new Federation(throughputFactor, efficiency, roundMinutes, switchAtRoundBoundaries, modelBytes, wanBitsPerSecond);
    }
}
