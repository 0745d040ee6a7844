package org.carbonaware.planner.validate;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.carbonaware.planner.domain.CarbonIntensitySource;
import org.carbonaware.planner.domain.Instance;
import org.carbonaware.planner.domain.Option;
import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.domain.Reconfiguration;

/** A hand-computable instance: four hourly epochs, two families. */
final class TinyInstances {

    static final Option A = new Option(2, 1, 1, 2, 10, 1000);
    static final Option B = new Option(4, 1, 1, 4, 18, 2000);
    static final Option C = new Option(1, 2, 1, 2, 9, 900);

    private TinyInstances() {
    }

    static Problem problem(double workloadTokens) {
        Instance instance = new Instance("tiny", Instant.parse("2024-01-01T00:00:00Z"), 60, 4, workloadTokens, 8, 1.5, 10, 100,
                new Reconfiguration(6, 3, 12), new CarbonIntensitySource(Path.of("none.csv"), null), List.of(A, B, C), null);
        return new Problem(instance, new double[] {100, 200, 300, 400});
    }

    /**
     * The tiny problem with transition grams (entering option B from any other state costs 50 g) and option C
     * forbidden in epoch 2.
     */
    static Problem withStateRules(double workloadTokens) {
        Problem plain = problem(workloadTokens);
        return new Problem(plain.instance(), plain.carbonIntensities()) {
            @Override
            public double transitionGrams(int epoch, int fromState, int toState) {
                return toState == 1 && fromState != 1 ? 50 : 0;
            }

            @Override
            public boolean allowed(int epoch, int state) {
                return !(epoch == 2 && state == 2);
            }
        };
    }
}
