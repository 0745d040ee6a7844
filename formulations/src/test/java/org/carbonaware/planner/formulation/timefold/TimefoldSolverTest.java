package org.carbonaware.planner.formulation.timefold;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.carbonaware.planner.domain.Plan;
import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.solve.SolveResult;
import org.carbonaware.planner.solve.SolveSettings;
import org.carbonaware.planner.solve.SolveStatus;
import org.carbonaware.planner.validate.PlanValidator;
import org.carbonaware.planner.validate.ValidationReport;
import org.junit.jupiter.api.Test;

/** Real Timefold solves on a tiny instance, compared with brute force over all (n+1)^T plans. */
class TimefoldSolverTest {

    private static final double[] CI = {420, 380, 120, 90, 150, 400};
    /** Needs about four full epochs of option A, so pausing, DP changes and reshards all compete. */
    private static final double WORKLOAD_TOKENS = 1000 * 3600.0 * 3.6;

    private final Problem problem = TinyProblems.problem(CI, WORKLOAD_TOKENS);

    @Test
    void solvesTheTinyInstanceCloseToTheBruteForceOptimum() {
        double optimumGrams = bruteForceOptimumGrams(problem);
        for (String warmStart : new String[] {"none", "lagrangian", "presolve"}) {
            SolveResult result = new TimefoldSolver().solve(problem, settings(warmStart, 7));
            assertThat(result.status()).as(warmStart).isEqualTo(SolveStatus.FEASIBLE);
            ValidationReport report = PlanValidator.validate(problem, result.plan());
            assertThat(report.feasible()).as(warmStart + ": " + report.violations()).isTrue();
            assertThat(report.evaluation().totalKg() * 1000).as(warmStart).isGreaterThanOrEqualTo(optimumGrams * (1 - 1e-9));
            // Local search is not exact; on six epochs with a move limit it should stay within 10 % of the optimum.
            assertThat(report.evaluation().totalKg() * 1000).as(warmStart).isLessThanOrEqualTo(optimumGrams * 1.10);
            assertThat(result.bestBoundKg()).isNaN();
        }
    }

    @Test
    void thePresolveWarmStartStartsFromTheProvenOptimum() {
        double optimumGrams = bruteForceOptimumGrams(problem);
        SolveResult result = new TimefoldSolver().solve(problem, settings("presolve", 5));
        assertThat(result.statistics()).containsEntry("warmStart", "presolve").containsEntry("warmStartProvenOptimal", true);
        assertThat((Double) result.statistics().get("warmStartKg") * 1000).isCloseTo(optimumGrams, org.assertj.core.data.Offset.offset(1e-4 * optimumGrams));
        // The local search only accepts what the score says is no worse: it keeps the optimum.
        assertThat(PlanValidator.validate(problem, result.plan()).evaluation().totalKg() * 1000)
                .isCloseTo(optimumGrams, org.assertj.core.data.Offset.offset(1e-4 * optimumGrams));
    }

    @Test
    void theSameSeedAndMoveLimitGiveTheSamePlan() {
        Plan first = new TimefoldSolver().solve(problem, settings("none", 3)).plan();
        Plan second = new TimefoldSolver().solve(problem, settings("none", 3)).plan();
        assertThat(second).isEqualTo(first);
    }

    private static SolveSettings settings(String warmStart, long seed) {
        return new SolveSettings(10, 1, seed, Map.of(TimefoldSolver.WARM_START.name(), warmStart,
                TimefoldSolver.MOVE_LIMIT.name(), "20000"));
    }

    /** Cheapest plan reaching the workload, by enumerating every state sequence. */
    static double bruteForceOptimumGrams(Problem problem) {
        int states = problem.optionCount() + 1;
        int epochs = problem.epochCount();
        int[] plan = new int[epochs];
        double best = Double.POSITIVE_INFINITY;
        long count = (long) Math.pow(states, epochs);
        for (long code = 0; code < count; code++) {
            long rest = code;
            for (int t = 0; t < epochs; t++) {
                plan[t] = (int) (rest % states) - 1;
                rest /= states;
            }
            double tokens = 0;
            double grams = 0;
            int previous = problem.initialState();
            for (int t = 0; t < epochs; t++) {
                if (!problem.allowed(t, plan[t])) {
                    grams = Double.POSITIVE_INFINITY;
                }
                tokens += problem.tokens(previous, plan[t]);
                grams += problem.grams(t, plan[t]) + problem.transitionGrams(t, previous, plan[t]);
                previous = plan[t];
            }
            if (tokens >= problem.workloadTokens() && grams < best) {
                best = grams;
            }
        }
        return best;
    }
}
