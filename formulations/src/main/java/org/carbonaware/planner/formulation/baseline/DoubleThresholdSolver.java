package org.carbonaware.planner.formulation.baseline;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.carbonaware.planner.domain.Plan;
import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.solve.SolveResult;
import org.carbonaware.planner.solve.SolveSettings;
import org.carbonaware.planner.solve.SolveStatus;

/**
 * The double-threshold online pause/resume algorithm of Lechowicz et al., "The Online Pause and Resume Problem:
 * Optimal Algorithms and An Application to Carbon-Aware Load Shifting" (arXiv 2303.17551), as in the authors'
 * {@code pauseResumeOnline}: the job needs k running epochs of the fastest option; before the i-th one it has
 * threshold φ_i; a running job keeps running while the epoch's price is at most φ_i, a paused job resumes only
 * when the price is at most φ_i − 2β; and once the remaining epochs are just enough, it runs to the end.
 *
 * <p>Mapping to this problem (documented choices, not from the paper):
 * <ul>
 *   <li>price of epoch t = grams(t, fastest) − grams(t, paused); L and U are the lowest and highest price of the
 *       horizon (the paper assumes known bounds, not the sequence);</li>
 *   <li>k = ceil(W / tokens of one full epoch at the fastest option);</li>
 *   <li>the paper charges β per switch, 2β per pause/resume cycle; here 2β = resumeMinutes / epochMinutes × (L+U)/2,
 *       the carbon of the progress a resume loses at a mid-range price;</li>
 *   <li>the compulsory run uses the exact token count (resume losses included), so the plan always reaches W when
 *       running from the start does.</li>
 * </ul>
 * α solves (U−L−2β) / (U(1−1/α) − 2β(1−1/k−1/(kα))) = (1+1/(kα))^k (bisection). When U−L−2β ≤ 0 no pause can
 * pay for its switching cost and the policy runs from epoch 0.
 */
public final class DoubleThresholdSolver extends AbstractFastestOptionSolver {

    public static final String NAME = "double-threshold";

    public DoubleThresholdSolver() {
        super(NAME, "prices one site's epochs and assumes every remaining epoch can run", true);
    }

    @Override
    public String summary() {
        return "the online double-threshold pause/resume algorithm (Lechowicz et al.) on the fastest option";
    }

    @Override
    SolveResult solve(Problem problem, SolveSettings settings, int fastest, long started) {
        int epochs = problem.epochCount();
        double[] price = new double[epochs];
        for (int t = 0; t < epochs; t++) {
            price[t] = problem.grams(t, fastest) - problem.grams(t, Problem.PAUSED);
        }
        double low = Arrays.stream(price).min().orElse(0);
        double high = Arrays.stream(price).max().orElse(0);
        double fullEpochTokens = problem.tokens(fastest, fastest);
        int k = (int) Math.ceil(problem.workloadTokens() / fullEpochTokens - 1e-12);
        double beta = problem.reconfiguration().resumeMinutes() / problem.epochMinutes() * (low + high) / 2 / 2;
        double[] thresholds = thresholds(k, low, high, beta);

        // Tokens the job can still train from epoch t to the end, entering from the paused state (suffix sums).
        double[] fromPaused = new double[epochs + 1];
        for (int t = epochs - 1; t >= 0; t--) {
            fromPaused[t] = problem.tokens(Problem.PAUSED, fastest) + (epochs - 1 - t) * fullEpochTokens;
        }
        int[] states = new int[epochs];
        Arrays.fill(states, Problem.PAUSED);
        double tokens = 0;
        int previous = problem.initialState();
        int accepted = 0;
        int compulsoryFrom = -1;
        for (int t = 0; t < epochs && !Baselines.reached(tokens, problem.workloadTokens()); t++) {
            double remaining = problem.workloadTokens() - tokens;
            boolean compulsory = !Baselines.reached(fromPaused[t + 1], remaining);
            boolean run;
            if (compulsory) {
                run = true;
                if (compulsoryFrom < 0) {
                    compulsoryFrom = t;
                }
            } else {
                double threshold = thresholds[Math.min(accepted, thresholds.length - 1)];
                boolean running = previous == fastest;
                run = running ? price[t] <= threshold : price[t] <= threshold - 2 * beta;
            }
            if (run) {
                states[t] = fastest;
                tokens += problem.tokens(previous, fastest);
                accepted++;
            }
            previous = states[t];
        }
        if (!Baselines.reached(tokens, problem.workloadTokens())) {
            return Baselines.noPlan(this, SolveStatus.INFEASIBLE,
                    "the fastest option %s does not reach the workload by the deadline even without pauses"
                            .formatted(problem.stateLabel(fastest)), started, settings);
        }
        Map<String, Object> statistics = new LinkedHashMap<>();
        statistics.put("option", problem.stateLabel(fastest));
        statistics.put("k", k);
        statistics.put("betaGrams", beta);
        statistics.put("firstThresholdGrams", thresholds[0]);
        statistics.put("compulsoryFromEpoch", compulsoryFrom);
        return Baselines.feasible(this, problem, new Plan(states), started, settings, null, statistics);
    }

    /** φ_1..φ_k of the pause/resume algorithm; all +∞ (always run) when switching cannot pay off. */
    static double[] thresholds(int k, double low, double high, double beta) {
        double[] thresholds = new double[Math.max(1, k)];
        double alpha = alpha(k, low, high, beta);
        if (Double.isNaN(alpha)) {
            Arrays.fill(thresholds, Double.POSITIVE_INFINITY);
            return thresholds;
        }
        for (int i = 1; i <= thresholds.length; i++) {
            double growth = Math.pow(1 + 1 / (alpha * k), i - 1);
            thresholds[i - 1] = high * (1 - (1 - 1 / alpha) * growth) + 2 * beta * ((1 / (k * alpha) - 1.0 / k + 1) * growth);
        }
        return thresholds;
    }

    /** The competitive ratio α > 1 solving the paper's equation, or NaN when U − L − 2β ≤ 0 or no root exists. */
    static double alpha(int k, double low, double high, double beta) {
        if (k < 1 || !(high - low - 2 * beta > 0) || !(high > 2 * beta)) {
            return Double.NaN;
        }
        // The denominator vanishes at α0; f is +∞ just above it and negative as α → ∞.
        double alpha0 = Math.max(1, (high - 2 * beta / k) / (high - 2 * beta * (1 - 1.0 / k)));
        double lower = alpha0 * (1 + 1e-12) + 1e-12;
        double upper = Math.max(2, 2 * alpha0);
        while (f(upper, k, low, high, beta) > 0 && upper < 1e12) {
            upper *= 2;
        }
        if (!(f(lower, k, low, high, beta) > 0) || f(upper, k, low, high, beta) > 0) {
            return Double.NaN;
        }
        for (int iteration = 0; iteration < 200; iteration++) {
            double middle = (lower + upper) / 2;
            if (f(middle, k, low, high, beta) > 0) {
                lower = middle;
            } else {
                upper = middle;
            }
        }
        return (lower + upper) / 2;
    }

    static double f(double alpha, int k, double low, double high, double beta) {
        double denominator = high * (1 - 1 / alpha) - 2 * beta * (1 - 1.0 / k - 1 / (k * alpha));
        return (high - low - 2 * beta) / denominator - Math.pow(1 + 1 / (k * alpha), k);
    }
}
