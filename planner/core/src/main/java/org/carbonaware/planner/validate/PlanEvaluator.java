package org.carbonaware.planner.validate;

import java.util.ArrayList;
import java.util.List;

import org.carbonaware.planner.domain.Plan;
import org.carbonaware.planner.domain.Problem;

/**
 * Recomputes energy, carbon, tokens and finish time of a plan with the plan semantics of {@link Problem}. The grams
 * of entering a state ({@link Problem#transitionGrams}) count as operational grams of the epoch entered; a state
 * the problem does not allow in an epoch is rejected like an unknown option.
 */
public final class PlanEvaluator {

    private PlanEvaluator() {
    }

    public static Evaluation evaluate(Problem problem, Plan plan) {
        return evaluate(problem, plan, true);
    }

    /** With {@code rejectForbidden} false, forbidden states are scored like allowed ones (the validator reports them). */
    static Evaluation evaluate(Problem problem, Plan plan, boolean rejectForbidden) {
        if (plan.epochCount() != problem.epochCount()) {
            throw new IllegalArgumentException("Plan has %d epochs but the instance has %d."
                    .formatted(plan.epochCount(), problem.epochCount()));
        }
        List<EpochResult> epochs = new ArrayList<>(plan.epochCount());
        double operationalGrams = 0;
        double embodiedGrams = 0;
        double energyKwh = 0;
        double gpuHours = 0;
        double tokens = 0;
        double finishHours = Double.NaN;
        int resumes = 0;
        int dpChanges = 0;
        int reshards = 0;
        int previous = problem.initialState();
        double workload = problem.workloadTokens();
        for (int t = 0; t < plan.epochCount(); t++) {
            int state = plan.state(t);
            if (state < Problem.PAUSED || state >= problem.optionCount()) {
                throw new IllegalArgumentException("Epoch %d uses option index %d, but there are %d options."
                        .formatted(t, state, problem.optionCount()));
            }
            if (rejectForbidden && !problem.allowed(t, state)) {
                throw new IllegalArgumentException("Epoch %d uses %s, which is not allowed in that epoch."
                        .formatted(t, state == Problem.PAUSED ? "the paused state" : "option " + problem.option(state).label()));
            }
            double lost = problem.lostMinutes(previous, state);
            double epochTokens = problem.tokens(previous, state);
            if (state != Problem.PAUSED && state != previous) {
                if (previous == Problem.PAUSED) {
                    resumes++;
                } else if (problem.option(previous).sameFamily(problem.option(state))) {
                    dpChanges++;
                } else {
                    reshards++;
                }
            }
            if (Double.isNaN(finishHours) && epochTokens > 0 && tokens + epochTokens >= workload * (1 - Evaluation.TOKEN_TOLERANCE)) {
                double needed = Math.max(0, workload - tokens);
                double minutesIntoEpoch = lost + Math.min(needed / (problem.option(state).tokensPerSecond() * 60.0),
                        problem.epochMinutes() - lost);
                finishHours = (t * (double) problem.epochMinutes() + minutesIntoEpoch) / 60.0;
            }
            if (Double.isNaN(finishHours) && workload <= 0) {
                finishHours = 0;
            }
            tokens += epochTokens;
            double operational = problem.operationalGrams(t, state) + problem.transitionGrams(t, previous, state);
            double embodied = problem.embodiedGrams(state);
            double energy = problem.energyKwh(state);
            int gpus = state == Problem.PAUSED ? 0 : problem.option(state).gpus();
            operationalGrams += operational;
            embodiedGrams += embodied;
            energyKwh += energy;
            gpuHours += gpus * problem.epochHours();
            epochs.add(new EpochResult(t, problem.epochStart(t), state, gpus, lost, epochTokens,
                    problem.carbonIntensity(t), energy, operational / 1000.0, embodied / 1000.0));
            previous = state;
        }
        return new Evaluation(List.copyOf(epochs), (operationalGrams + embodiedGrams) / 1000.0,
                operationalGrams / 1000.0, embodiedGrams / 1000.0, energyKwh, gpuHours, tokens, workload,
                finishHours, resumes + dpChanges + reshards, resumes, dpChanges, reshards);
    }
}
