package org.carbonaware.planner.formulation;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.carbonaware.planner.domain.CarbonIntensitySource;
import org.carbonaware.planner.domain.Instance;
import org.carbonaware.planner.domain.Option;
import org.carbonaware.planner.domain.Plan;
import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.domain.Reconfiguration;
import org.carbonaware.planner.validate.Evaluation;
import org.carbonaware.planner.validate.PlanEvaluator;

/** Random tiny problems and their brute-force optimum, for cross-checking the exact formulations. */
public final class RandomInstances {

    private RandomInstances() {
    }

    public static Problem tiny(long seed) {
        Random random = new Random(seed);
        int epochs = 2 + random.nextInt(5);
        int optionCount = 1 + random.nextInt(3);
        List<Option> options = new ArrayList<>();
        for (int o = 0; o < optionCount; o++) {
            int tp = 1 + random.nextInt(2);
            int dp = 1 + o + random.nextInt(2) * 4;
            int gpus = dp * tp;
            double tokensPerSecond = gpus * (50 + random.nextInt(100)) * (0.6 + 0.4 * random.nextDouble());
            double watts = gpus * (200 + random.nextInt(300));
            options.add(new Option("o" + o, dp, tp, 1, gpus, Math.round(tokensPerSecond * 10) / 10.0, watts));
        }
        int epochMinutes = random.nextBoolean() ? 60 : 15;
        Reconfiguration reconfiguration = new Reconfiguration(random.nextInt(epochMinutes / 2), random.nextInt(epochMinutes / 3),
                random.nextInt(epochMinutes / 2));
        double[] ci = new double[epochs];
        for (int t = 0; t < epochs; t++) {
            ci[t] = 20 + random.nextInt(600) + random.nextDouble();
        }
        double maxTokens = options.stream().mapToDouble(Option::tokensPerSecond).max().orElseThrow() * 60 * epochMinutes * epochs;
        double workload = maxTokens * (0.1 + random.nextDouble() * 0.95);
        Instance instance = new Instance("random-" + seed, Instant.parse("2024-01-01T00:00:00Z"), epochMinutes,
                epochs * epochMinutes / 60.0, workload, 64, 1 + random.nextDouble() * 0.5, random.nextInt(3) * 7.5,
                random.nextBoolean() ? 0 : 50 + random.nextInt(200), reconfiguration,
                new CarbonIntensitySource(Path.of("none.csv"), null), options, null);
        return new Problem(instance, ci);
    }

    /**
     * The problem with a power-capped twin of some options (same dp, tp, pp and GPUs; slower, drawing less, as a
     * cap does) and a random cap-only reconfiguration tier.
     */
    public static Problem withPowerCaps(Problem plain, long seed) {
        Random random = new Random(seed * 31 + 7);
        List<Option> options = new ArrayList<>(plain.optionList());
        for (Option option : plain.optionList()) {
            if (options.size() < 4 && random.nextBoolean()) {
                double share = 0.6 + 0.3 * random.nextDouble();
                options.add(new Option(option.id() + "-cap", option.dp(), option.tp(), option.pp(), option.gpus(),
                        Math.round(option.tokensPerSecond() * (0.75 + 0.2 * random.nextDouble()) * 10) / 10.0, option.watts() * share,
                        option.watts() / option.gpus() * share));
            }
        }
        Instance instance = plain.instance();
        Reconfiguration costs = instance.reconfiguration();
        Reconfiguration reconfiguration = new Reconfiguration(costs.resumeMinutes(), costs.dpChangeMinutes(), costs.reshardMinutes(),
                random.nextInt(instance.epochMinutes() / 6 + 1));
        Instance capped = instance.withOptionList(options).withReconfiguration(reconfiguration);
        return new Problem(capped, plain.carbonIntensities());
    }

    /** The cheapest plan reaching the workload by enumerating every plan of allowed states, or null when none does. */
    public static Plan bruteForce(Problem problem) {
        int states = problem.optionCount() + 1;
        int epochs = problem.epochCount();
        int[] digits = new int[epochs];
        Plan best = null;
        double bestKg = Double.POSITIVE_INFINITY;
        long total = (long) Math.pow(states, epochs);
        for (long code = 0; code < total; code++) {
            long rest = code;
            for (int t = 0; t < epochs; t++) {
                digits[t] = (int) (rest % states) - 1;
                rest /= states;
            }
            if (!allowed(problem, digits)) {
                continue;
            }
            Plan plan = new Plan(digits);
            Evaluation evaluation = PlanEvaluator.evaluate(problem, plan);
            if (evaluation.tokens() >= problem.workloadTokens() && evaluation.totalKg() < bestKg) {
                bestKg = evaluation.totalKg();
                best = plan;
            }
        }
        return best;
    }

    private static boolean allowed(Problem problem, int[] states) {
        for (int t = 0; t < states.length; t++) {
            if (!problem.allowed(t, states[t])) {
                return false;
            }
        }
        return true;
    }
}
