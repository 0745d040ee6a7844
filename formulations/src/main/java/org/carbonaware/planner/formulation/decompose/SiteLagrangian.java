package org.carbonaware.planner.formulation.decompose;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import org.carbonaware.planner.formulation.graph.LayeredViterbi;

/**
 * The Lagrangian dual of the per-site relaxation: multipliers λ ≥ 0 on the workload row, μ_t ≥ 0 on the capacity
 * rows K·Σ solo + Σ fed ≤ K and ν_t ≥ 0 on the GPU rows Σ GPUs ≤ G price the couplings, each site then solves its
 * own cheapest path ({@link SiteGraph#cheapest}), and
 * {@code L = Σ_s V_s + λ·W − K·Σ_t μ_t − G·Σ_t ν_t} is a lower bound on every plan of the full instance.
 *
 * <p>For fixed μ and ν, L is concave in the single λ: it is maximised exactly by bisection on the sign of the
 * token subgradient, as in the single-graph relaxation (so with one site, where no coupling row exists, the bound
 * is that relaxation's). μ and ν then follow a projected subgradient with Polyak steps toward a target above the
 * best bound (the incumbent when one is known), the step factor halved after a run of iterations without a better
 * bound. The subgradient is that of the convex combination of the two bisection paths that trains exactly W.
 * Deterministic; bounded by an iteration count and a point in time.
 */
final class SiteLagrangian {

    /** Relative width of the final λ bracket. */
    private static final double LAMBDA_TOLERANCE = 1e-10;
    private static final int MAX_BISECTIONS = 80;
    /** Iterations without a better bound before the step factor is halved. */
    private static final int PATIENCE = 6;
    private static final double MIN_STEP_FACTOR = 1e-4;
    /** Iterations whose bound lies within this share of the best contribute their paths' options. */
    static final double NEAR_BEST = 0.01;

    private final List<SiteGraph> sites;
    private final int epochs;
    private final double workloadTokens;
    private final int capacity;
    private final boolean capacityRows;
    private final int totalGpus;
    private final boolean gpuRows;
    private int passes;

    /**
     * @param capacityRows whether the capacity rows exist (two or more sites)
     * @param gpuRows whether the GPU rows can bind (the sites' largest options together exceed {@code totalGpus})
     */
    SiteLagrangian(List<SiteGraph> sites, int epochs, double workloadTokens, int capacity, boolean capacityRows,
            int totalGpus, boolean gpuRows) {
        this.sites = sites;
        this.epochs = epochs;
        this.workloadTokens = workloadTokens;
        this.capacity = capacity;
        this.capacityRows = capacityRows;
        this.totalGpus = totalGpus;
        this.gpuRows = gpuRows;
    }

    /** One evaluation at (λ, μ, ν): every site's path and the bound. */
    record Evaluation(double lambda, LayeredViterbi.Path[] paths, double tokens, double bound) {
    }

    /**
     * What the dual ascent found.
     *
     * @param boundGrams the best bound (−∞ when none was computed, +∞ when no plan can reach the workload)
     * @param lambda, mu, nu the multipliers of the best bound (nu null without GPU rows)
     * @param optionsNearBest per site, the options the paths of iterations within {@link #NEAR_BEST} of the best use
     */
    record Result(double boundGrams, double lambda, double[] mu, double[] nu, List<BitSet> optionsNearBest,
                  int iterations, int viterbiPasses, double seconds) {
    }

    /** The most tokens the relaxation can train: below the workload, no plan of the full instance reaches it. */
    double maxTokens() {
        double tokens = 0;
        for (SiteGraph site : sites) {
            double most = site.maxTokens();
            if (most < 0) {
                return -1;
            }
            tokens += most;
        }
        return tokens;
    }

    /**
     * Maximises the dual until {@code maxIterations} subgradient steps are taken or {@link System#nanoTime()} passes
     * {@code stopAtNanos} (at least one λ maximisation runs).
     *
     * @param upperBoundGrams a known plan's grams for the step target, or +∞
     * @param from the multipliers to start from (an earlier result), or null for all zero
     */
    Result solve(int maxIterations, long stopAtNanos, double upperBoundGrams, Result from) {
        long started = System.nanoTime();
        double[] mu = from == null ? new double[epochs] : from.mu().clone();
        double[] nu = !gpuRows ? null : from == null ? new double[epochs] : from.nu().clone();
        double lambda = from == null ? 0 : from.lambda();
        double best = Double.NEGATIVE_INFINITY;
        double bestLambda = 0;
        double[] bestMu = mu.clone();
        double[] bestNu = nu == null ? null : nu.clone();
        double stepFactor = 1.0;
        int sinceBetter = 0;
        List<Double> iterationBounds = new ArrayList<>();
        List<List<BitSet>> iterationOptions = new ArrayList<>();
        int iteration = 0;
        while (true) {
            Inner inner = maximiseLambda(lambda, mu, nu, stopAtNanos);
            iteration++;
            if (inner.best.bound > best) {
                best = inner.best.bound;
                bestLambda = inner.best.lambda;
                bestMu = mu.clone();
                bestNu = nu == null ? null : nu.clone();
                sinceBetter = 0;
            } else if (++sinceBetter >= PATIENCE) {
                stepFactor /= 2;
                sinceBetter = 0;
            }
            iterationBounds.add(inner.best.bound);
            iterationOptions.add(options(inner));
            lambda = inner.best.lambda;
            if (inner.best.bound == Double.POSITIVE_INFINITY) {
                // Some site has no path at all: no plan exists.
                break;
            }
            if (!capacityRows && !gpuRows || iteration >= maxIterations || stepFactor < MIN_STEP_FACTOR
                    || !before(stopAtNanos) || inner.high == null) {
                break;
            }
            // Subgradient of the rows at the combination of the two bracketing paths that trains exactly W.
            double weightHigh = inner.low == null ? 1
                    : (workloadTokens - inner.low.tokens) / (inner.high.tokens - inner.low.tokens);
            double[] gMu = new double[epochs];
            double[] gNu = nu == null ? null : new double[epochs];
            double norm = 0;
            for (int t = 0; t < epochs; t++) {
                double coupling = weightHigh * coupling(inner.high, t) + (1 - weightHigh) * (inner.low == null ? 0 : coupling(inner.low, t));
                gMu[t] = capacityRows ? coupling - capacity : 0;
                if (mu[t] <= 0 && gMu[t] < 0) {
                    gMu[t] = 0;
                }
                norm += gMu[t] * gMu[t];
                if (gNu != null) {
                    double gpus = weightHigh * gpus(inner.high, t) + (1 - weightHigh) * (inner.low == null ? 0 : gpus(inner.low, t));
                    gNu[t] = gpus - totalGpus;
                    if (nu[t] <= 0 && gNu[t] < 0) {
                        gNu[t] = 0;
                    }
                    norm += gNu[t] * gNu[t];
                }
            }
            if (norm == 0) {
                // A zero projected subgradient: these multipliers maximise the dual.
                break;
            }
            double target = Double.isFinite(upperBoundGrams) && upperBoundGrams > best
                    ? upperBoundGrams : best + Math.max(0.05 * Math.abs(best), 1e-9);
            double step = stepFactor * (target - inner.best.bound) / norm;
            for (int t = 0; t < epochs; t++) {
                mu[t] = Math.max(0, mu[t] + step * gMu[t]);
                if (nu != null) {
                    nu[t] = Math.max(0, nu[t] + step * gNu[t]);
                }
            }
        }
        List<BitSet> near = new ArrayList<>();
        for (int s = 0; s < sites.size(); s++) {
            near.add(new BitSet());
        }
        double threshold = best - NEAR_BEST * Math.abs(best);
        for (int i = 0; i < iterationBounds.size(); i++) {
            if (iterationBounds.get(i) >= threshold) {
                for (int s = 0; s < sites.size(); s++) {
                    near.get(s).or(iterationOptions.get(i).get(s));
                }
            }
        }
        return new Result(best, bestLambda, bestMu, bestNu, near, iteration, passes, (System.nanoTime() - started) / 1e9);
    }

    /** The best evaluation of one λ maximisation and the bracketing paths below and at or above the workload. */
    private record Inner(Evaluation best, Evaluation low, Evaluation high) {
    }

    /** Maximises L over λ for fixed μ and ν, starting the bracket search from {@code start}. */
    private Inner maximiseLambda(double start, double[] mu, double[] nu, long stopAtNanos) {
        Bracket bracket = new Bracket(mu, nu);
        bracket.probe(start);
        if (bracket.low == null) {
            // Downward until the paths train less than W (or λ = 0 is reached, which then is the maximum).
            double lambda = start;
            while (lambda > 0 && bracket.low == null) {
                lambda = lambda > 1e-6 * start ? lambda / 2 : 0;
                bracket.probe(lambda);
            }
        } else {
            double lambda = start > 0 ? 2 * start : initialHighLambda();
            for (int i = 0; i < 400 && bracket.high == null; i++, lambda *= 2) {
                bracket.probe(lambda);
            }
        }
        for (int i = 0; i < MAX_BISECTIONS && bracket.low != null && bracket.high != null
                && bracket.high.lambda - bracket.low.lambda > LAMBDA_TOLERANCE * bracket.high.lambda && before(stopAtNanos); i++) {
            bracket.probe(0.5 * (bracket.low.lambda + bracket.high.lambda));
        }
        return new Inner(bracket.best, bracket.low, bracket.high);
    }

    /** The evaluations of one λ search: the best bound, the last below the workload and the last at or above it. */
    private final class Bracket {

        private final double[] mu;
        private final double[] nu;
        private Evaluation best;
        private Evaluation low;
        private Evaluation high;

        Bracket(double[] mu, double[] nu) {
            this.mu = mu;
            this.nu = nu;
        }

        void probe(double lambda) {
            Evaluation e = evaluate(lambda, mu, nu);
            if (best == null || e.bound > best.bound) {
                best = e;
            }
            if (e.tokens >= workloadTokens) {
                high = e;
            } else {
                low = e;
            }
        }
    }

    private double initialHighLambda() {
        double ratio = 0;
        for (SiteGraph site : sites) {
            ratio = Math.max(ratio, site.maxGramsPerToken());
        }
        return Math.max(ratio * 2, 1e-12);
    }

    /** Every site's cheapest path at (λ, μ, ν) and L. */
    Evaluation evaluate(double lambda, double[] mu, double[] nu) {
        LayeredViterbi.Path[] paths = new LayeredViterbi.Path[sites.size()];
        double bound = lambda * workloadTokens;
        double tokens = 0;
        for (int s = 0; s < sites.size(); s++) {
            paths[s] = sites.get(s).cheapest(lambda, mu, nu);
            passes++;
            if (paths[s] == null) {
                return new Evaluation(lambda, paths, 0, Double.POSITIVE_INFINITY);
            }
            bound += paths[s].weight();
            tokens += paths[s].tokens();
        }
        for (int t = 0; t < epochs; t++) {
            bound -= capacity * mu[t] + (nu == null ? 0 : totalGpus * nu[t]);
        }
        return new Evaluation(lambda, paths, tokens, bound);
    }

    private double coupling(Evaluation evaluation, int t) {
        double sum = 0;
        for (int s = 0; s < sites.size(); s++) {
            sum += sites.get(s).coupling(evaluation.paths[s].nodes()[t]);
        }
        return sum;
    }

    private double gpus(Evaluation evaluation, int t) {
        double sum = 0;
        for (int s = 0; s < sites.size(); s++) {
            sum += sites.get(s).gpus(evaluation.paths[s].nodes()[t]);
        }
        return sum;
    }

    /** The options the bracketing paths of one iteration use, per site. */
    private List<BitSet> options(Inner inner) {
        List<BitSet> used = new ArrayList<>();
        for (int s = 0; s < sites.size(); s++) {
            BitSet set = new BitSet();
            for (Evaluation e : new Evaluation[] {inner.low, inner.high, inner.best}) {
                if (e != null && e.paths[s] != null) {
                    for (int node : e.paths[s].nodes()) {
                        if (node != 0) {
                            set.set(sites.get(s).option(node));
                        }
                    }
                }
            }
            used.add(set);
        }
        return used;
    }

    private static boolean before(long stopAtNanos) {
        return System.nanoTime() - stopAtNanos < 0;
    }
}
