package org.carbonaware.planner.solve;

import java.util.Arrays;

import org.carbonaware.planner.domain.Problem;

/** Quick proofs that no plan can reach the workload, with a one-line reason. */
public final class Infeasibility {

    /** Above this many arc evaluations the exact longest-path bound gives way to the per-epoch bound. */
    private static final long EXACT_LIMIT = 50_000_000L;

    private Infeasibility() {
    }

    /**
     * Returns a reason when no plan reaches the workload (the most tokens any plan can train fall short), else null.
     */
    public static String reason(Problem problem) {
        int fastest = problem.fastestOption();
        if (fastest == Problem.PAUSED) {
            return problem.siteCount() == 1
                    ? "no option fits within maxGpus=%d".formatted(problem.instance().maxGpus())
                    : "no site has an option within its maxGpus and the cross-site limits";
        }
        double maxTokens = maxTokens(problem);
        if (maxTokens >= problem.workloadTokens()) {
            return null;
        }
        double rate = problem.tokensPerSecond(fastest);
        double hoursNeeded = problem.workloadTokens() / (rate * 3600.0);
        if (problem.siteCount() == 1) {
            hoursNeeded += problem.lostMinutes(problem.initialState(), fastest) / 60.0;
        }
        double horizonHours = problem.epochCount() * problem.epochHours();
        String reason = "the workload of %.4g tokens needs %s h at the fastest %s %s (%.4g tokens/s) but the deadline leaves %.1f h (%d epochs of %d min)"
                .formatted(problem.workloadTokens(), hoursNeeded < 1e6 ? "%.1f".formatted(hoursNeeded) : "%.4g".formatted(hoursNeeded), problem.siteCount() == 1 ? "option" : "state",
                        problem.stateLabel(fastest), rate, horizonHours, problem.epochCount(), problem.epochMinutes());
        return !problem.restricted() ? reason
                : reason + "; with the sites' availability at most %.4g tokens can be trained".formatted(maxTokens);
    }

    /**
     * Upper bound on trainable tokens: the longest path through the allowed states (exact), or, for a very large
     * state list, the sum over epochs of the most tokens an allowed state trains without a change.
     */
    public static double maxTokens(Problem problem) {
        int states = problem.stateCount();
        int epochs = problem.epochCount();
        if ((long) states * states * epochs > EXACT_LIMIT) {
            double bound = 0;
            for (int t = 0; t < epochs; t++) {
                double best = 0;
                for (int b = 0; b < states; b++) {
                    if (problem.allowed(t, b)) {
                        best = Math.max(best, problem.tokens(b, b));
                    }
                }
                bound += best;
            }
            return bound;
        }
        // best[b + 1]: most tokens of a plan ending in state b (PAUSED = index 0); -inf when unreachable.
        double[] best = new double[states + 1];
        double[] next = new double[states + 1];
        Arrays.fill(best, Double.NEGATIVE_INFINITY);
        best[problem.initialState() + 1] = 0;
        for (int t = 0; t < epochs; t++) {
            Arrays.fill(next, Double.NEGATIVE_INFINITY);
            for (int b = Problem.PAUSED; b < states; b++) {
                if (!problem.allowed(t, b)) {
                    continue;
                }
                double value = Double.NEGATIVE_INFINITY;
                for (int a = Problem.PAUSED; a < states; a++) {
                    if (best[a + 1] > Double.NEGATIVE_INFINITY && problem.transitionAllowed(t, a, b)) {
                        value = Math.max(value, best[a + 1] + problem.tokens(a, b));
                    }
                }
                next[b + 1] = value;
            }
            double[] swap = best;
            best = next;
            next = swap;
        }
        return Arrays.stream(best).max().orElse(0);
    }
}
