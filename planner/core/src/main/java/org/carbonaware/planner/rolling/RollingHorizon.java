package org.carbonaware.planner.rolling;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.carbonaware.planner.common.InputException;
import org.carbonaware.planner.common.JsonFields;
import org.carbonaware.planner.domain.Plan;
import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.forecast.ForecastView;
import org.carbonaware.planner.forecast.Forecaster;
import org.carbonaware.planner.solve.Infeasibility;
import org.carbonaware.planner.solve.PlanSolver;
import org.carbonaware.planner.solve.SolveResult;
import org.carbonaware.planner.solve.SolveSettings;
import org.carbonaware.planner.validate.Evaluation;
import org.carbonaware.planner.validate.PlanEvaluator;
import org.carbonaware.planner.validate.PlanValidator;

/**
 * Plans on what is known at each decision time and re-plans as actuals arrive. At every re-plan epoch k the past
 * is committed (its epochs ran, its tokens are done, its last state is the initial state, so leaving that state
 * is charged in epoch k like any reconfiguration); the remaining epochs get the forecaster's view at k; any
 * {@link PlanSolver} solves that remaining problem (same deadline, remaining workload), warm-started from the
 * previous plan's tail ({@link SolveSettings#incumbent()}); its first {@code replanEpochs} epochs are committed and
 * the clock advances.
 *
 * <p>The deadline cannot be missed: tokens do not depend on the carbon intensity, so the tail of the previous plan
 * reaches the remaining workload on any forecast. It is the incumbent every re-plan starts from: when a solver
 * returns no plan that reaches the workload (a time limit, a heuristic), the tail is committed instead. The first
 * plan's incumbent is the best single-option run, which reaches the workload whenever any plan does (when every
 * state is allowed in every epoch).
 *
 * <p>With a perfect forecaster and {@code replanEpochs} ≥ the epoch count this is one solve on the actual trace,
 * i.e. {@code planner plan}.
 */
public final class RollingHorizon {

    private RollingHorizon() {
    }

    public static Simulation run(Forecaster forecaster, PlanSolver solver, SolveSettings settings, int replanEpochs) {
        if (replanEpochs < 1) {
            throw new IllegalArgumentException("replanEpochs must be >= 1, got " + replanEpochs);
        }
        Problem actual = forecaster.actual();
        int epochs = actual.epochCount();
        String infeasible = Infeasibility.reason(actual);
        if (infeasible != null) {
            return new Simulation(null, null, List.of(), 0, infeasible);
        }
        int[] executed = new int[epochs];
        Arrays.fill(executed, Problem.PAUSED);
        double workload = actual.workloadTokens();
        double done = 0;
        int state = actual.initialState();
        Plan tail = null;
        double solveSeconds = 0;
        List<Pending> pending = new ArrayList<>();
        for (int k = 0; k < epochs; k += replanEpochs) {
            double remaining = workload - done;
            if (remaining <= workload * Evaluation.TOKEN_TOLERANCE) {
                // Done: the rest stays paused, from the next epoch the state may change in (round boundaries).
                for (int j = k; j < epochs && !actual.switchAllowed(j); j++) {
                    executed[j] = state;
                }
                break;
            }
            ForecastView view = forecaster.view(k);
            Problem cut = actual.remaining(k, state, remaining, view.gramsPerKwhBySite());
            if (tail == null) {
                Plan single = bestSingleStateRun(cut);
                tail = PlanValidator.validate(cut, single).feasible() ? single : null;
            }
            // The tail is the warm start; the solvers that can use one (the exact ones' presolve) start from it.
            boolean tailReaches = tail != null && PlanValidator.validate(cut, tail).feasible();
            SolveResult result = solver.solve(cut, settings.withIncumbent(tailReaches ? tail : null));
            solveSeconds += result.solveSeconds();
            Plan plan = result.status().hasPlan() && result.plan() != null
                    && PlanValidator.validate(cut, result.plan()).feasible() ? result.plan() : null;
            boolean keptPrevious = plan == null;
            if (keptPrevious) {
                if (tail == null) {
                    return new Simulation(null, null, List.of(), solveSeconds, "solver %s found no plan at the first re-plan (status %s)%s"
                            .formatted(solver.name(), result.status(), result.message() == null ? "" : ": " + result.message()));
                }
                plan = tail;
            }
            int window = Math.min(replanEpochs, epochs - k);
            // Planned figures from the validator's evaluation of the plan on the forecast; tokens do not depend on it.
            Evaluation planned = PlanEvaluator.evaluate(cut, plan);
            double plannedWindowKg = 0;
            for (int j = 0; j < window; j++) {
                executed[k + j] = plan.state(j);
                done += planned.epochList().get(j).tokens();
                plannedWindowKg += planned.epochList().get(j).totalKg();
            }
            pending.add(new Pending(k, view, state, remaining, slackHours(cut), result, keptPrevious, window, plannedWindowKg,
                    planned.totalKg(), cut));
            state = plan.state(window - 1);
            int[] states = plan.stateByEpoch();
            tail = window < states.length ? new Plan(Arrays.copyOfRange(states, window, states.length)) : null;
        }
        Plan executedPlan = new Plan(executed);
        var report = PlanValidator.validate(actual, executedPlan);
        if (!report.feasible()) {
            throw new IllegalStateException("the committed plan misses the workload: " + String.join("; ", report.violations()));
        }
        Evaluation realised = report.evaluation();
        List<Replan> replans = new ArrayList<>();
        for (Pending p : pending) {
            double realisedKg = 0;
            double forecastSum = 0;
            double actualSum = 0;
            double absoluteErrorSum = 0;
            for (int j = 0; j < p.window; j++) {
                realisedKg += realised.epochList().get(p.epoch + j).totalKg();
                for (int site = 0; site < actual.siteCount(); site++) {
                    double forecast = p.cut.carbonIntensity(site, j);
                    double truth = actual.carbonIntensity(site, p.epoch + j);
                    forecastSum += forecast;
                    actualSum += truth;
                    absoluteErrorSum += Math.abs(forecast - truth);
                }
            }
            double values = p.window * (double) actual.siteCount();
            replans.add(new Replan(replans.size(), p.epoch, p.view.decisionTime(), p.view.issuedAt(), p.view.forecastEpochs(),
                    p.view.fallbackEpochs(), p.initialState, p.remaining, p.slackHours, p.result.status().name(),
                    p.result.solveSeconds(), p.keptPrevious, p.window, p.plannedWindowKg, realisedKg, p.plannedRemainingKg,
                    forecastSum / values, actualSum / values, absoluteErrorSum / values));
        }
        return new Simulation(executedPlan, realised, replans, solveSeconds, null);
    }

    /** A re-plan whose realised figures are known once the whole plan is executed. */
    private record Pending(int epoch, ForecastView view, int initialState, double remaining, double slackHours, SolveResult result,
                           boolean keptPrevious, int window, double plannedWindowKg, double plannedRemainingKg, Problem cut) {
    }

    /**
     * Checks that the forecast known at the start covers every epoch of the first re-plan interval: a plan committed
     * on the fallback alone would not be a plan on a forecast.
     */
    public static void requireCoveredFirstInterval(Forecaster forecaster, int replanEpochs) {
        ForecastView first = forecaster.view(0);
        int needed = Math.min(replanEpochs, forecaster.actual().epochCount());
        if (first.coveredPrefix() < needed) {
            Problem actual = forecaster.actual();
            String where = actual.instance().sourceFile() == null ? actual.name() : actual.instance().sourceFile().toString();
            throw new InputException("%s: field 'forecast': the forecast known at the start %s (%s) covers %d of the %d epochs of the first re-plan interval (%s h). Maybe re-plan more often (--replan-every) or use a forecast with a longer horizon?"
                    .formatted(where, first.decisionTime(), first.issuedAt() == null ? "none issued yet" : "issued " + first.issuedAt(),
                            first.coveredPrefix(), needed, JsonFields.format(needed * actual.epochHours())));
        }
    }

    /**
     * Hours left to the deadline minus the hours the best single state needs to finish the remaining workload from
     * the carried state (its entry loss included).
     */
    static double slackHours(Problem cut) {
        double needed = Double.POSITIVE_INFINITY;
        for (int state = 0; state < cut.stateCount(); state++) {
            double rate = cut.tokensPerSecond(state);
            if (rate > 0) {
                // Entry loss as the tokens count it (one site: the reconfiguration minutes; several: the federation's).
                double lostMinutes = cut.epochMinutes() - cut.tokens(cut.initialState(), state) / (rate * 60);
                needed = Math.min(needed, lostMinutes / 60 + cut.workloadTokens() / (rate * 3600));
            }
        }
        return cut.epochCount() * cut.epochHours() - needed;
    }

    /** The single state whose uninterrupted run trains the most, run from epoch 0 until the workload is reached. */
    static Plan bestSingleStateRun(Problem problem) {
        int best = Problem.PAUSED;
        double bestTokens = -1;
        for (int state = 0; state < problem.stateCount(); state++) {
            double tokens = problem.tokens(problem.initialState(), state) + problem.tokens(state, state) * (problem.epochCount() - 1);
            if (tokens > bestTokens) {
                bestTokens = tokens;
                best = state;
            }
        }
        int[] states = new int[problem.epochCount()];
        Arrays.fill(states, Problem.PAUSED);
        double tokens = 0;
        int previous = problem.initialState();
        for (int t = 0; t < states.length && tokens < problem.workloadTokens(); t++) {
            states[t] = best;
            tokens += problem.tokens(previous, best);
            previous = best;
        }
        return new Plan(states);
    }
}
