package org.carbonaware.planner.validate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.carbonaware.planner.domain.Option;
import org.carbonaware.planner.domain.Plan;
import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.domain.SiteEpoch;
import org.carbonaware.planner.domain.StateSpace;

/**
 * Recomputes energy, carbon, tokens and finish time of a plan with the plan semantics of {@link Problem}, site by
 * site. The grams of entering a state ({@link Problem#transitionGrams}) count as operational grams of the epoch
 * entered; a solver's plan using a state the problem does not allow in an epoch is rejected like an unknown one.
 * It works on per-site configurations, so a stored plan is scored even where it uses a combination the state
 * list leaves out (the validator reports the rules such a plan breaks).
 */
public final class PlanEvaluator {

    private PlanEvaluator() {
    }

    public static Evaluation evaluate(Problem problem, Plan plan) {
        if (plan.epochCount() != problem.epochCount()) {
            throw new IllegalArgumentException("Plan has %d epochs but the instance has %d."
                    .formatted(plan.epochCount(), problem.epochCount()));
        }
        int[][] configurations = new int[plan.epochCount()][];
        for (int t = 0; t < plan.epochCount(); t++) {
            int state = plan.state(t);
            if (state < Problem.PAUSED || state >= problem.stateCount()) {
                throw new IllegalArgumentException("Epoch %d uses state index %d, but there are %d states."
                        .formatted(t, state, problem.stateCount()));
            }
            if (!problem.allowed(t, state)) {
                throw new IllegalArgumentException("Epoch %d uses %s, which is not allowed in that epoch."
                        .formatted(t, state == Problem.PAUSED ? "the paused state" : "state " + problem.stateLabel(state)));
            }
            configurations[t] = problem.configuration(state);
        }
        return evaluate(problem, configurations);
    }

    /** Scores per-epoch, per-site option indices (PAUSED = off) into each site's allowed options. */
    public static Evaluation evaluate(Problem problem, int[][] configurations) {
        if (configurations.length != problem.epochCount()) {
            throw new IllegalArgumentException("Plan has %d epochs but the instance has %d."
                    .formatted(configurations.length, problem.epochCount()));
        }
        int sites = problem.siteCount();
        List<EpochResult> epochs = new ArrayList<>(configurations.length);
        double operationalGrams = 0;
        double embodiedGrams = 0;
        double energyKwh = 0;
        double gpuHours = 0;
        double tokens = 0;
        double finishHours = Double.NaN;
        int resumes = 0;
        int dpChanges = 0;
        int reshards = 0;
        int capChanges = 0;
        int federatedEpochs = 0;
        double[][] siteSums = new double[sites][6];
        int[] joins = new int[sites];
        int[] previous = problem.configuration(problem.initialState());
        double workload = problem.workloadTokens();
        for (int t = 0; t < configurations.length; t++) {
            int[] configuration = configurations[t];
            SiteEpoch[] siteEpochs = problem.siteEpochs(t, previous, configuration);
            double epochTokens = 0;
            double epochOperational = 0;
            double epochEmbodied = 0;
            double epochEnergy = 0;
            double maxLost = 0;
            int gpus = 0;
            int running = 0;
            for (int s = 0; s < sites; s++) {
                SiteEpoch site = siteEpochs[s];
                int from = previous[s];
                int to = configuration[s];
                if (to != Problem.PAUSED && to != from) {
                    if (from == Problem.PAUSED) {
                        resumes++;
                        joins[s]++;
                    } else if (problem.siteOptionList(s).get(from).capChangeOnly(problem.siteOptionList(s).get(to))) {
                        capChanges++;
                    } else if (problem.siteOptionList(s).get(from).sameFamily(problem.siteOptionList(s).get(to))) {
                        dpChanges++;
                    } else {
                        reshards++;
                    }
                }
                if (site.running()) {
                    running++;
                    maxLost = Math.max(maxLost, site.lostMinutes());
                }
                epochTokens += site.tokens();
                epochOperational += site.operationalGrams();
                epochEmbodied += site.embodiedGrams();
                epochEnergy += site.energyKwh();
                gpus += site.gpus();
                double[] sums = siteSums[s];
                sums[0] += site.tokens();
                sums[1] += site.energyKwh();
                sums[2] += site.operationalGrams();
                sums[3] += site.embodiedGrams();
                sums[4] += site.gpus() * problem.epochHours();
                sums[5] += site.running() ? problem.epochHours() : 0;
            }
            if (running >= 2) {
                federatedEpochs++;
            }
            int state = problem.stateOf(configuration);
            int previousState = problem.stateOf(previous);
            if (state != StateSpace.UNLISTED && previousState != StateSpace.UNLISTED) {
                // The problem's own terms, so that a problem defining other transition grams is scored by them.
                epochOperational = problem.operationalGrams(t, state) + problem.transitionGrams(t, previousState, state);
            }
            if (Double.isNaN(finishHours) && epochTokens > 0 && tokens + epochTokens >= workload * (1 - Evaluation.TOKEN_TOLERANCE)) {
                double needed = Math.max(0, workload - tokens);
                finishHours = (t * (double) problem.epochMinutes() + minutesToReach(problem, siteEpochs, needed)) / 60.0;
            }
            if (Double.isNaN(finishHours) && workload <= 0) {
                finishHours = 0;
            }
            tokens += epochTokens;
            operationalGrams += epochOperational;
            embodiedGrams += epochEmbodied;
            energyKwh += epochEnergy;
            gpuHours += gpus * problem.epochHours();
            double carbonIntensity = sites == 1 ? siteEpochs[0].carbonIntensity() : weightedCarbonIntensity(siteEpochs);
            double lost = sites == 1 ? siteEpochs[0].lostMinutes() : maxLost;
            epochs.add(new EpochResult(t, problem.epochStart(t), state, gpus, lost, epochTokens, carbonIntensity,
                    epochEnergy, epochOperational / 1000.0, epochEmbodied / 1000.0, Arrays.asList(siteEpochs)));
            previous = configuration;
        }
        List<SiteTotals> siteTotals = new ArrayList<>(sites);
        for (int s = 0; s < sites; s++) {
            double[] sums = siteSums[s];
            siteTotals.add(new SiteTotals(problem.site(s).name(), sums[0], sums[1], sums[2] / 1000.0, sums[3] / 1000.0,
                    sums[4], sums[5], joins[s]));
        }
        return new Evaluation(epochs, (operationalGrams + embodiedGrams) / 1000.0,
                operationalGrams / 1000.0, embodiedGrams / 1000.0, energyKwh, gpuHours, tokens, workload,
                finishHours, resumes + dpChanges + reshards + capChanges, resumes, dpChanges, reshards, capChanges, siteTotals,
                federatedEpochs);
    }

    /**
     * Minutes into the epoch at which its sites have trained {@code needed} tokens: each running site trains at its
     * (federated) rate once its lost minutes are over.
     */
    private static double minutesToReach(Problem problem, SiteEpoch[] siteEpochs, double needed) {
        double epochMinutes = problem.epochMinutes();
        List<SiteEpoch> running = new ArrayList<>();
        for (SiteEpoch site : siteEpochs) {
            if (site.running() && site.tokens() > 0) {
                running.add(site);
            }
        }
        if (running.size() == 1) {
            SiteEpoch site = running.get(0);
            Option option = problem.siteOptionList(site.site()).get(site.option());
            // The only running site trains alone, so no federation factor applies.
            double perMinute = option.tokensPerSecond() * 60.0;
            return site.lostMinutes() + Math.min(needed / perMinute, epochMinutes - site.lostMinutes());
        }
        running.sort((a, b) -> Double.compare(a.lostMinutes(), b.lostMinutes()));
        double rate = 0;
        double done = 0;
        double minute = 0;
        for (int i = 0; i < running.size(); i++) {
            SiteEpoch site = running.get(i);
            double start = site.lostMinutes();
            if (rate > 0 && done + rate * (start - minute) >= needed) {
                return minute + (needed - done) / rate;
            }
            done += rate * (start - minute);
            minute = start;
            rate += site.tokens() / (epochMinutes - site.lostMinutes());
        }
        return Math.min(epochMinutes, minute + (needed - done) / rate);
    }

    private static double weightedCarbonIntensity(SiteEpoch[] siteEpochs) {
        double energy = 0;
        double grams = 0;
        double sum = 0;
        for (SiteEpoch site : siteEpochs) {
            energy += site.energyKwh();
            grams += site.operationalGrams();
            sum += site.carbonIntensity();
        }
        return energy > 0 ? grams / energy : sum / siteEpochs.length;
    }
}
