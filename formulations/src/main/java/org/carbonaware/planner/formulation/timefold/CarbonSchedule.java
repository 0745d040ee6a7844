package org.carbonaware.planner.formulation.timefold;

import java.util.List;

import ai.timefold.solver.core.api.domain.solution.PlanningEntityCollectionProperty;
import ai.timefold.solver.core.api.domain.solution.PlanningScore;
import ai.timefold.solver.core.api.domain.solution.PlanningSolution;
import ai.timefold.solver.core.api.domain.solution.ProblemFactCollectionProperty;
import ai.timefold.solver.core.api.domain.valuerange.ValueRangeProvider;
import ai.timefold.solver.core.api.score.HardSoftScore;

/** The planning solution: the states (pause and each allowed option) and one assignment per epoch plus the anchor. */
@PlanningSolution
public class CarbonSchedule {

    @ProblemFactCollectionProperty
    @ValueRangeProvider
    private List<StateValue> states;
    @PlanningEntityCollectionProperty
    private List<EpochAssignment> epochs;
    @PlanningScore
    private HardSoftScore score;

    public CarbonSchedule() {
    }

    public CarbonSchedule(List<StateValue> states, List<EpochAssignment> epochs) {
        this.states = states;
        this.epochs = epochs;
    }

    public List<StateValue> getStates() {
        return states;
    }

    public void setStates(List<StateValue> states) {
        this.states = states;
    }

    public List<EpochAssignment> getEpochs() {
        return epochs;
    }

    public void setEpochs(List<EpochAssignment> epochs) {
        this.epochs = epochs;
    }

    public HardSoftScore getScore() {
        return score;
    }

    public void setScore(HardSoftScore score) {
        this.score = score;
    }
}
