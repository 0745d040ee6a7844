package org.carbonaware.planner.formulation.timefold;

import java.util.ArrayList;
import java.util.List;

import ai.timefold.solver.core.api.score.stream.test.ConstraintVerifier;
import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.formulation.StateRuleProblem;
import org.junit.jupiter.api.Test;

/** One ConstraintVerifier test per constraint of {@link CarbonConstraints}. */
class CarbonConstraintsTest {

    private static final double[] CI = {300, 100, 200};

    private final ConstraintVerifier<CarbonConstraints, CarbonSchedule> verifier =
            ConstraintVerifier.build(new CarbonConstraints(), CarbonSchedule.class, EpochAssignment.class);

    private final Problem problem = TinyProblems.problem(CI, 0);
    private final CostTable table = new CostTable(problem);
    private final StateValue paused = new StateValue(Problem.PAUSED, "paused");
    private final StateValue optionA = new StateValue(0, "A");
    private final StateValue optionB = new StateValue(1, "B");
    private final StateValue optionC = new StateValue(2, "C");

    private List<EpochAssignment> plan(CostTable costTable, StateValue... states) {
        List<EpochAssignment> epochs = new ArrayList<>();
        epochs.add(EpochAssignment.anchor(costTable, paused));
        for (int t = 0; t < states.length; t++) {
            epochs.add(new EpochAssignment(t, costTable, states[t]));
        }
        return epochs;
    }

    @Test
    void workloadReachedPenalizesTheTokenShortfallIncludingReconfigurationLosses() {
        // Paused -> A loses the 10 resume minutes, A -> A loses nothing, A -> C reshards (20 minutes).
        double tokens = 1000 * 60 * 50 + 1000 * 60 * 60 + 2100 * 60 * 40;
        CostTable needsMore = new CostTable(TinyProblems.problem(CI, tokens + 5000));
        verifier.verifyThat(CarbonConstraints::workloadReached)
                .given(plan(needsMore, optionA, optionA, optionC).toArray())
                .penalizesBy(5000);
        CostTable exactlyEnough = new CostTable(TinyProblems.problem(CI, tokens));
        verifier.verifyThat(CarbonConstraints::workloadReached)
                .given(plan(exactlyEnough, optionA, optionA, optionC).toArray())
                .penalizesBy(0);
        // A DP change (A -> B, same tp and pp) loses 3 minutes instead of 20.
        double dpChangeTokens = 1000 * 60 * 50 + 1900 * 60 * 57;
        CostTable dpChange = new CostTable(TinyProblems.problem(CI, dpChangeTokens + 1));
        verifier.verifyThat(CarbonConstraints::workloadReached)
                .given(plan(dpChange, optionA, optionB, paused).toArray())
                .penalizesBy(1);
    }

    @Test
    void carbonGramsPenalizesEachEpochsGramsButNotTheAnchor() {
        long expected = table.grams(0, optionA) + table.grams(1, paused) + table.grams(2, optionC);
        // grams = watts*pue*h/1000*CI + gpus*embodied*h; paused = idleWatts*pue*h/1000*CI; 1 unit = 1 mg.
        long byHand = Math.round((3000 * 1.2 / 1000 * 300 + 8 * 5.0) * 1000)
                + Math.round(100 * 1.2 / 1000 * 100 * 1000)
                + Math.round((6500 * 1.2 / 1000 * 200 + 16 * 5.0) * 1000);
        verifier.verifyThat(CarbonConstraints::carbonGrams)
                .given(plan(table, optionA, paused, optionC).toArray())
                .penalizesBy(byHand);
        org.assertj.core.api.Assertions.assertThat(expected).isEqualTo(byHand);
    }

    @Test
    void stateAllowedPenalizesAForbiddenStateByItsTokensPerEpochPlusOne() {
        boolean[][] forbidden = new boolean[CI.length][4];
        forbidden[1][1] = true;
        CostTable ruled = new CostTable(new StateRuleProblem(problem, new double[4][4], forbidden));
        verifier.verifyThat(CarbonConstraints::stateAllowed)
                .given(plan(ruled, optionA, optionA, paused).toArray())
                .penalizesBy(1000 * 3600 + 1);
        verifier.verifyThat(CarbonConstraints::stateAllowed)
                .given(plan(ruled, optionA, paused, optionA).toArray())
                .penalizesBy(0);
    }

    @Test
    void transitionGramsPenalizesEnteringAStateFromTheAnchorAndEachPreviousEpoch() {
        double[][] kwh = new double[4][4];
        kwh[0][1] = 0.5;
        kwh[1][3] = 1.0;
        CostTable ruled = new CostTable(new StateRuleProblem(problem, kwh, new boolean[CI.length][4]));
        // Paused anchor -> A at epoch 0: 0.5 kWh * 300 g/kWh; A -> A free; A -> C at epoch 2: 1 kWh * 200 g/kWh; 1 unit = 1 mg.
        verifier.verifyThat(CarbonConstraints::transitionGrams)
                .given(plan(ruled, optionA, optionA, optionC).toArray())
                .penalizesBy(150_000 + 200_000);
        verifier.verifyThat(CarbonConstraints::transitionGrams)
                .given(plan(table, optionA, optionA, optionC).toArray())
                .penalizesBy(0);
    }

    @Test
    void switchAtRoundBoundaryPenalizesAChangeIntoAnEpochOffABoundaryByTheNewStatesTokensPlusOne() {
        // Rounds of two epochs: changes may happen into epochs 0 and 2 only.
        Problem rounds = new Problem(problem.instance(), CI) {
            @Override
            public boolean switchAllowed(int epoch) {
                return epoch % 2 == 0;
            }
        };
        CostTable ruled = new CostTable(rounds);
        verifier.verifyThat(CarbonConstraints::switchAtRoundBoundary)
                .given(plan(ruled, optionA, optionC, optionC).toArray())
                .penalizesBy(2100 * 3600 + 1);
        verifier.verifyThat(CarbonConstraints::switchAtRoundBoundary)
                .given(plan(ruled, optionA, optionA, optionC).toArray())
                .penalizesBy(0);
    }
}
