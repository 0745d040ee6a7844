package org.carbonaware.planner.formulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.statistics.Statistics;
import org.carbonaware.planner.domain.Plan;
import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.solve.SolveResult;
import org.carbonaware.planner.solve.SolveSettings;
import org.carbonaware.planner.solve.SolveStatus;
import org.carbonaware.planner.validate.PlanEvaluator;
import org.carbonaware.planner.validate.PlanValidator;

/** CP-SAT, MPSolver (each backend), the labelling algorithm and the plain flow model all match brute force. */
class ExactSolversAgreeProperty {

    private static final SolveSettings ONE_WORKER = new SolveSettings(20, 1, 7, Map.of());

    @Property(tries = 40, seed = "20261123")
    void exactSolversFindTheBruteForceOptimum(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        Problem problem = RandomInstances.tiny(seed);
        Plan optimum = RandomInstances.bruteForce(problem);
        check(problem, optimum, Solvers.create("cpsat").solve(problem, ONE_WORKER));
        check(problem, optimum, Solvers.create("cpsat").solve(problem, ONE_WORKER.withParameter("presolve", "none")));
        check(problem, optimum, Solvers.create("mip").solve(problem, ONE_WORKER));
        check(problem, optimum, Solvers.create("label").solve(problem, ONE_WORKER));
    }

    @Property(tries = 40, seed = "20261124")
    void exactSolversHonourTransitionGramsAndForbiddenStates(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        Problem plain = RandomInstances.tiny(seed);
        Problem problem = StateRuleProblem.random(plain, seed);
        Plan optimum = RandomInstances.bruteForce(problem);
        Plan plainOptimum = RandomInstances.bruteForce(plain);
        String effect = optimum == null ? (plainOptimum == null ? "infeasible anyway" : "made infeasible")
                : optimum.equals(plainOptimum) ? "same optimum" : "optimum changed";
        Statistics.label("rules").collect(effect);
        check(problem, optimum, Solvers.create("cpsat").solve(problem, ONE_WORKER));
        check(problem, optimum, Solvers.create("cpsat").solve(problem, ONE_WORKER.withParameter("presolve", "none")));
        check(problem, optimum, Solvers.create("mip").solve(problem, ONE_WORKER));
        check(problem, optimum, Solvers.create("label").solve(problem, ONE_WORKER));
        Statistics.label("rules").coverage(coverage -> coverage.check("optimum changed").percentage(p -> p >= 30));
        SolveResult timefold = Solvers.create("timefold").solve(problem, ONE_WORKER.withParameter("moveLimit", "3000"));
        if (optimum == null) {
            assertThat(timefold.status()).isEqualTo(SolveStatus.UNKNOWN);
        } else if (timefold.status() == SolveStatus.FEASIBLE) {
            assertThat(PlanValidator.validate(problem, timefold.plan()).violations()).isEmpty();
            double kg = PlanEvaluator.evaluate(problem, timefold.plan()).totalKg();
            assertThat(timefold.objectiveKg()).isCloseTo(kg, within(1e-9 * Math.max(kg, 1e-9)));
            assertThat(kg).isGreaterThanOrEqualTo(PlanEvaluator.evaluate(problem, optimum).totalKg() * (1 - 1e-9));
        }
    }

    @Property(tries = 8, seed = "7")
    void otherMipBackendsAgree(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        Problem problem = RandomInstances.tiny(seed);
        Plan optimum = RandomInstances.bruteForce(problem);
        check(problem, optimum, Solvers.create("mip").solve(problem, ONE_WORKER.withParameter("backend", "SCIP")));
        check(problem, optimum, Solvers.create("mip").solve(problem, ONE_WORKER.withParameter("backend", "CBC")));
    }

    private static void check(Problem problem, Plan optimum, SolveResult result) {
        if (optimum == null) {
            assertThat(result.status()).as(result.solver() + " on " + problem.name()).isEqualTo(SolveStatus.INFEASIBLE);
            return;
        }
        assertThat(result.status()).as(result.solver() + " on " + problem.name()).isEqualTo(SolveStatus.OPTIMAL);
        assertThat(PlanValidator.validate(problem, result.plan()).violations()).isEmpty();
        double expectedKg = PlanEvaluator.evaluate(problem, optimum).totalKg();
        double actualKg = PlanEvaluator.evaluate(problem, result.plan()).totalKg();
        assertThat(actualKg).as(result.solver() + " on " + problem.name() + " " + result.statistics())
                .isCloseTo(expectedKg, within(1e-6 * Math.max(expectedKg, 1e-9)));
        // The raw bound is a lower bound on the true optimum and, for a proof of optimality, meets it.
        assertThat(result.bestBoundKg()).as(result.solver() + " bound on " + problem.name())
                .isCloseTo(expectedKg, within(1e-6 * Math.max(expectedKg, 1e-9)))
                .isLessThanOrEqualTo(expectedKg * (1 + 1e-9) + 1e-12);
    }
}
