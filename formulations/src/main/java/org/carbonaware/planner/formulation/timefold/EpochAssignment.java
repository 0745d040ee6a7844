package org.carbonaware.planner.formulation.timefold;

import ai.timefold.solver.core.api.domain.common.PlanningId;
import ai.timefold.solver.core.api.domain.entity.PlanningEntity;
import ai.timefold.solver.core.api.domain.entity.PlanningPin;
import ai.timefold.solver.core.api.domain.variable.PlanningVariable;

/**
 * The planning entity: the state of one epoch. Epoch {@code -1} is a pinned anchor carrying the state the job
 * is in before the horizon, so every real epoch has a predecessor and the reconfiguration loss of epoch 0 is
 * scored by the same pair rule as every other epoch.
 */
@PlanningEntity
public class EpochAssignment {

    @PlanningId
    private Integer id;
    private int epoch;
    private boolean pinned;
    private CostTable costTable;
    @PlanningVariable
    private StateValue state;

    public EpochAssignment() {
    }

    public EpochAssignment(int epoch, CostTable costTable, StateValue state) {
        this.id = epoch + 1;
        this.epoch = epoch;
        this.pinned = epoch < 0;
        this.costTable = costTable;
        this.state = state;
    }

    /** The pinned anchor before epoch 0. */
    public static EpochAssignment anchor(CostTable costTable, StateValue initialState) {
        return new EpochAssignment(-1, costTable, initialState);
    }

    public Integer getId() {
        return id;
    }

    public int getEpoch() {
        return epoch;
    }

    @PlanningPin
    public boolean isPinned() {
        return pinned;
    }

    public CostTable getCostTable() {
        return costTable;
    }

    public StateValue getState() {
        return state;
    }

    public void setState(StateValue state) {
        this.state = state;
    }

    /** Soft units of this epoch's state (0 for the anchor, which lies before the horizon). */
    public long grams() {
        return pinned ? 0 : costTable.grams(epoch, state);
    }

    @Override
    public String toString() {
        return "epoch " + epoch + "=" + state;
    }
}
