package org.carbonaware.planner.formulation.timefold;

import ai.timefold.solver.core.api.domain.common.PlanningId;
import org.carbonaware.planner.domain.Problem;

/**
 * One value of an epoch's planning variable: a running option or the paused state. Pause is an ordinary value
 * rather than an unassigned variable, so every epoch always has a state and the solver never deals with nulls.
 */
public final class StateValue {

    @PlanningId
    private final Integer id;
    private final int state;
    private final String label;

    public StateValue(int state, String label) {
        this.id = state + 1;
        this.state = state;
        this.label = label;
    }

    public Integer getId() {
        return id;
    }

    /** State index of the problem (with one site, the option index), or {@link Problem#PAUSED}. */
    public int state() {
        return state;
    }

    /** Node index in the cost table (0 = paused, k = option k-1). */
    public int node() {
        return state + 1;
    }

    public boolean paused() {
        return state == Problem.PAUSED;
    }

    @Override
    public String toString() {
        return label;
    }
}
