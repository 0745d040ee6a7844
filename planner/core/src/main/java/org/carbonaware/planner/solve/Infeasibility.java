package org.carbonaware.planner.solve;

import org.carbonaware.planner.domain.Problem;

/** Quick proofs that no plan can reach the workload, with a one-line reason. */
public final class Infeasibility {

    private Infeasibility() {
    }

    /**
     * The most tokens any plan can train: the fastest option run without a break from epoch 0, paying the
     * resume once (or nothing when already running). Returns a reason when even that falls short, else null.
     */
    public static String reason(Problem problem) {
        int fastest = problem.fastestOption();
        if (fastest == Problem.PAUSED) {
            return "no option fits within maxGpus=%d".formatted(problem.instance().maxGpus());
        }
        double maxTokens = maxTokens(problem);
        if (maxTokens >= problem.workloadTokens()) {
            return null;
        }
        var option = problem.option(fastest);
        double hoursNeeded = problem.workloadTokens() / (option.tokensPerSecond() * 3600.0)
                + problem.lostMinutes(problem.initialState(), fastest) / 60.0;
        double horizonHours = problem.epochCount() * problem.epochHours();
        return "the workload of %.4g tokens needs %.1f h at the fastest option %s (%.4g tokens/s) but the deadline leaves %.1f h (%d epochs of %d min)"
                .formatted(problem.workloadTokens(), hoursNeeded, option.label(), option.tokensPerSecond(), horizonHours,
                        problem.epochCount(), problem.epochMinutes());
    }

    /** Upper bound on trainable tokens: the best single-option run (staying never loses minutes). */
    public static double maxTokens(Problem problem) {
        double best = 0;
        for (int o = 0; o < problem.optionCount(); o++) {
            double first = problem.tokens(problem.initialState(), o);
            double rest = problem.tokens(o, o) * (problem.epochCount() - 1);
            best = Math.max(best, first + rest);
        }
        return best;
    }
}
