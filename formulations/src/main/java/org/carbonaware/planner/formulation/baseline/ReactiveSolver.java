package org.carbonaware.planner.formulation.baseline;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.carbonaware.planner.domain.CurtailmentRule;
import org.carbonaware.planner.domain.Option;
import org.carbonaware.planner.domain.Plan;
import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.domain.StateSpace;
import org.carbonaware.planner.solve.PlanSolver;
import org.carbonaware.planner.solve.SolveResult;
import org.carbonaware.planner.solve.SolveSettings;
import org.carbonaware.planner.solve.SolveStatus;
import org.carbonaware.planner.solve.SolverOption;

/**
 * The curtailment study's reactive provisioner (arXiv 2602.22760), reimplemented from its description on epochs:
 * a site is provisioned in an epoch whose carbon intensity is below the threshold, if a slot is free
 * (maxActiveSites, maxGpus; free slots go to sites in instance order); a provisioned site whose carbon intensity
 * rises above the threshold is marked and leaves at the first epoch at least {@code hysteresisMinutes} after the
 * mark at which it is still above (an epoch at or below clears the mark); membership changes only when the
 * current round has lasted {@code minRoundMinutes} (and, where the instance asks for it, at round boundaries),
 * else the change waits. Each running site runs its fastest option. The policy knows no deadline: it trains until
 * the workload is reached and returns no plan (UNKNOWN) when the horizon ends first.
 */
public final class ReactiveSolver implements PlanSolver {

    public static final String NAME = "reactive";
    public static final SolverOption<Double> THRESHOLD = SolverOption.decimal("threshold",
            "carbon-intensity threshold in gCO2eq/kWh: provision below it, mark for deprovisioning above it").atLeast(0)
            .byDefault(CurtailmentRule.DEFAULT_THRESHOLD_GRAMS_PER_KWH);
    public static final SolverOption<Double> HYSTERESIS = SolverOption.decimal("hysteresisMinutes",
            "minutes a marked site keeps running above the threshold before it leaves").atLeast(0)
            .byDefault(CurtailmentRule.DEFAULT_HYSTERESIS_MINUTES);
    public static final SolverOption<Double> MIN_ROUND = SolverOption.decimal("minRoundMinutes",
            "minutes a round lasts at least: membership changes wait until the current round is this old").atLeast(0)
            .byDefault(10.0);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String summary() {
        return "the curtailment study's reactive provisioner: threshold, hysteresis, minimum rounds, no deadline";
    }

    @Override
    public List<SolverOption<?>> options() {
        return List.of(THRESHOLD, HYSTERESIS, MIN_ROUND);
    }

    @Override
    public SolveResult solve(Problem problem, SolveSettings settings) {
        long started = System.nanoTime();
        double threshold = THRESHOLD.get(settings);
        double hysteresisMinutes = HYSTERESIS.get(settings);
        double minRoundMinutes = MIN_ROUND.get(settings);
        int sites = problem.siteCount();
        int[] fastest = new int[sites];
        for (int s = 0; s < sites; s++) {
            List<Option> options = problem.siteOptionList(s);
            fastest[s] = Option.fastest(options).map(options::indexOf).orElse(Problem.PAUSED);
        }
        int epochs = problem.epochCount();
        int epochMinutes = problem.epochMinutes();
        int[] states = new int[epochs];
        Arrays.fill(states, Problem.PAUSED);
        boolean[] provisioned = new boolean[sites];
        int[] markedAt = new int[sites];
        Arrays.fill(markedAt, -1);
        int previous = problem.initialState();
        int[] running = problem.configuration(previous);
        for (int s = 0; s < sites; s++) {
            provisioned[s] = running[s] != Problem.PAUSED;
        }
        int lastChange = Integer.MIN_VALUE / 2;
        double tokens = 0;
        int joins = 0;
        int finish = -1;
        for (int t = 0; t < epochs; t++) {
            int[] current = problem.configuration(previous);
            // The provisioner's decisions on this epoch's signal.
            for (int s = 0; s < sites; s++) {
                if (!provisioned[s]) {
                    continue;
                }
                double ci = problem.carbonIntensity(s, t);
                if (!problem.available(s, t)) {
                    provisioned[s] = false;
                } else if (ci > threshold) {
                    if (markedAt[s] < 0) {
                        markedAt[s] = t;
                    }
                    if ((t - markedAt[s]) * (double) epochMinutes >= hysteresisMinutes - 1e-9) {
                        provisioned[s] = false;
                    }
                } else {
                    markedAt[s] = -1;
                }
            }
            // A slot stays taken until its site has left.
            int active = 0;
            int gpus = 0;
            for (int s = 0; s < sites; s++) {
                if (provisioned[s] || current[s] != Problem.PAUSED) {
                    active++;
                    gpus += problem.siteOptionList(s).get(fastest[s]).gpus();
                }
            }
            boolean[] joining = new boolean[sites];
            for (int s = 0; s < sites; s++) {
                if (!provisioned[s] && current[s] == Problem.PAUSED && fastest[s] != Problem.PAUSED && problem.available(s, t)
                        && problem.carbonIntensity(s, t) < threshold && active < problem.instance().maxActiveSites()) {
                    int siteGpus = problem.siteOptionList(s).get(fastest[s]).gpus();
                    if (gpus + siteGpus <= problem.instance().maxTotalGpus()) {
                        provisioned[s] = true;
                        joining[s] = true;
                        active++;
                        gpus += siteGpus;
                    }
                }
            }
            int state = problem.stateOf(membership(provisioned, fastest));
            if (state == StateSpace.UNLISTED) {
                // A combination the state list pruned (dominated): the newcomers are refused.
                for (int s = 0; s < sites; s++) {
                    provisioned[s] &= !joining[s];
                }
                state = problem.stateOf(membership(provisioned, fastest));
            }
            boolean roundOld = (t - lastChange) * (double) epochMinutes >= minRoundMinutes - 1e-9;
            if (state != previous && (state == StateSpace.UNLISTED || !roundOld || !problem.transitionAllowed(t, previous, state))) {
                state = previous; // the change waits for the round to end
            }
            if (!problem.allowed(t, state)) {
                return Baselines.noPlan(this, SolveStatus.UNKNOWN, ("epoch %d: the sites running (%s) may not run and the round"
                        + " does not end yet; the policy cannot plan this instance").formatted(t, problem.stateLabel(state)),
                        started, settings);
            }
            int[] now = problem.configuration(state);
            if (state != previous) {
                for (int s = 0; s < sites; s++) {
                    if (current[s] == Problem.PAUSED && now[s] != Problem.PAUSED) {
                        joins++;
                    }
                }
                lastChange = t;
            }
            for (int s = 0; s < sites; s++) {
                if (now[s] == Problem.PAUSED && !provisioned[s]) {
                    markedAt[s] = -1;
                }
            }
            states[t] = state;
            tokens += problem.tokens(previous, state);
            previous = state;
            if (Baselines.reached(tokens, problem.workloadTokens())) {
                finish = t;
                break;
            }
        }
        if (finish < 0) {
            return Baselines.noPlan(this, SolveStatus.UNKNOWN,
                    "the reactive policy trains %.1f %% of the workload by the deadline (it knows no deadline). Maybe a later deadline or a higher --param threshold?"
                            .formatted(100 * tokens / problem.workloadTokens()), started, settings);
        }
        Map<String, Object> statistics = new LinkedHashMap<>();
        statistics.put("thresholdGramsPerKwh", threshold);
        statistics.put("hysteresisMinutes", hysteresisMinutes);
        statistics.put("minRoundMinutes", minRoundMinutes);
        statistics.put("joins", joins);
        return Baselines.feasible(this, problem, new Plan(states), started, settings, null, statistics);
    }

    private static int[] membership(boolean[] provisioned, int[] fastest) {
        int[] configuration = new int[provisioned.length];
        for (int s = 0; s < provisioned.length; s++) {
            configuration[s] = provisioned[s] ? fastest[s] : Problem.PAUSED;
        }
        return configuration;
    }
}
