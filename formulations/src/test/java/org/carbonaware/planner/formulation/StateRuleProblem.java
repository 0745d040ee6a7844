package org.carbonaware.planner.formulation;

import java.util.Random;

import org.carbonaware.planner.domain.Problem;

/**
 * A problem with transition grams and forbidden states (no instance file defines them yet): entering state b from
 * a different state a costs {@code transitionKwh[a+1][b+1]} kWh at the epoch's carbon intensity, and
 * {@code forbidden[t][s+1]} forbids state s in epoch t.
 */
public final class StateRuleProblem extends Problem {

    private final double[][] transitionKwh;
    private final boolean[][] forbidden;

    public StateRuleProblem(Problem plain, double[][] transitionKwh, boolean[][] forbidden) {
        super(plain.instance(), plain.carbonIntensities(), plain.initialState(), plain.workloadTokens());
        this.transitionKwh = transitionKwh;
        this.forbidden = forbidden;
    }

    /** Random transition energies (a third of the pairs free) and about one forbidden state in eight, pause included. */
    public static StateRuleProblem random(Problem plain, long seed) {
        Random random = new Random(seed ^ 0x5DEECE66DL);
        int states = plain.optionCount() + 1;
        double[][] kwh = new double[states][states];
        double typicalKwh = plain.energyKwh(plain.optionCount() - 1);
        for (int a = 0; a < states; a++) {
            for (int b = 0; b < states; b++) {
                kwh[a][b] = a == b || random.nextInt(3) == 0 ? 0 : typicalKwh * (0.2 + random.nextDouble());
            }
        }
        boolean[][] forbidden = new boolean[plain.epochCount()][states];
        for (int t = 0; t < plain.epochCount(); t++) {
            for (int s = 0; s < states; s++) {
                forbidden[t][s] = random.nextInt(8) == 0;
            }
        }
        return new StateRuleProblem(plain, kwh, forbidden);
    }

    @Override
    public double transitionGrams(int epoch, int fromState, int toState) {
        return fromState == toState ? 0 : transitionKwh[fromState + 1][toState + 1] * carbonIntensity(epoch);
    }

    @Override
    public boolean hasTransitionGrams() {
        return true;
    }

    @Override
    public boolean allowed(int epoch, int state) {
        return !forbidden[epoch][state + 1];
    }
}
