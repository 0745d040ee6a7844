package org.carbonaware.planner.formulation.timefold;

import ai.timefold.solver.core.api.score.HardSoftScore;
import ai.timefold.solver.core.api.score.stream.Constraint;
import ai.timefold.solver.core.api.score.stream.ConstraintCollectors;
import ai.timefold.solver.core.api.score.stream.ConstraintFactory;
import ai.timefold.solver.core.api.score.stream.ConstraintProvider;
import ai.timefold.solver.core.api.score.stream.Joiners;

/** The plan semantics as constraint streams; units are those of {@link CostTable}. */
public class CarbonConstraints implements ConstraintProvider {

    @Override
    public Constraint[] defineConstraints(ConstraintFactory factory) {
        return new Constraint[] {
                workloadReached(factory),
                stateAllowed(factory),
                switchAtRoundBoundary(factory),
                carbonGrams(factory),
                transitionGrams(factory)
        };
    }

    /** Hard: the tokens of all epochs (each after its predecessor's state, losses included) reach the workload. */
    Constraint workloadReached(ConstraintFactory factory) {
        return factory.forEach(EpochAssignment.class)
                .join(EpochAssignment.class, Joiners.equal(EpochAssignment::getEpoch, next -> next.getEpoch() - 1))
                .groupBy((previous, next) -> next.getCostTable(),
                        ConstraintCollectors.sum((previous, next) -> next.getCostTable().tokens(previous.getState(), next.getState())))
                .filter((costTable, tokens) -> tokens < costTable.workloadUnits())
                .penalize(HardSoftScore.ONE_HARD, (costTable, tokens) -> costTable.workloadUnits() - tokens)
                .asConstraint("Workload reached");
    }

    /**
     * Hard: every epoch's state is allowed in that epoch; penalised by the state's tokens per epoch plus one, so a
     * forbidden state never pays for itself by shrinking the workload shortfall.
     */
    Constraint stateAllowed(ConstraintFactory factory) {
        return factory.forEach(EpochAssignment.class)
                .filter(epoch -> !epoch.isPinned() && !epoch.getCostTable().allowed(epoch.getEpoch(), epoch.getState()))
                .penalize(HardSoftScore.ONE_HARD, epoch -> epoch.getCostTable().steadyTokens(epoch.getState()) + 1)
                .asConstraint("State allowed");
    }

    /**
     * Hard: the state changes only into an epoch that starts on a round boundary; penalised by the new state's
     * tokens per epoch plus one, so an early switch never pays for itself against the workload.
     */
    Constraint switchAtRoundBoundary(ConstraintFactory factory) {
        return factory.forEach(EpochAssignment.class)
                .join(EpochAssignment.class, Joiners.equal(EpochAssignment::getEpoch, next -> next.getEpoch() - 1))
                .filter((previous, next) -> previous.getState() != next.getState()
                        && !next.getCostTable().switchAllowed(next.getEpoch()))
                .penalize(HardSoftScore.ONE_HARD, (previous, next) -> next.getCostTable().steadyTokens(next.getState()) + 1)
                .asConstraint("Switch at round boundary");
    }

    /** Soft: minimise the operational plus embodied grams of every epoch's state. */
    Constraint carbonGrams(ConstraintFactory factory) {
        return factory.forEach(EpochAssignment.class)
                .filter(epoch -> !epoch.isPinned())
                .penalize(HardSoftScore.ONE_SOFT, EpochAssignment::grams)
                .asConstraint("Carbon grams");
    }

    /**
     * Soft: minimise the grams of entering each epoch's state from the previous epoch's state (negative when a
     * joining site's provisioning draws less than training would, so the impact is signed).
     */
    Constraint transitionGrams(ConstraintFactory factory) {
        return factory.forEach(EpochAssignment.class)
                .filter(previous -> previous.getCostTable().hasTransitionGrams())
                .join(EpochAssignment.class, Joiners.equal(EpochAssignment::getEpoch, next -> next.getEpoch() - 1))
                .filter((previous, next) -> next.getCostTable().transitionGrams(next.getEpoch(), previous.getState(), next.getState()) != 0)
                .impact(HardSoftScore.ONE_SOFT,
                        (previous, next) -> -next.getCostTable().transitionGrams(next.getEpoch(), previous.getState(), next.getState()))
                .asConstraint("Transition grams");
    }
}
