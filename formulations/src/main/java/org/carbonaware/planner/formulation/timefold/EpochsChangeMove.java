package org.carbonaware.planner.formulation.timefold;

import java.util.ArrayList;
import java.util.List;
import java.util.SequencedCollection;

import ai.timefold.solver.core.api.domain.common.Lookup;
import ai.timefold.solver.core.preview.api.domain.metamodel.PlanningVariableMetaModel;
import ai.timefold.solver.core.preview.api.move.Move;
import ai.timefold.solver.core.preview.api.move.MutableSolutionView;

/**
 * Sets several epochs to new states at once: the shift (dirty epoch down, clean epoch up), slide (a block moves
 * by one epoch) and run (consecutive epochs to one state) neighbourhoods are all instances of it.
 */
public final class EpochsChangeMove implements Move<CarbonSchedule> {

    private final String kind;
    private final List<EpochAssignment> epochs;
    private final List<StateValue> values;

    public EpochsChangeMove(String kind, List<EpochAssignment> epochs, List<StateValue> values) {
        if (epochs.size() != values.size()) {
            throw new IllegalArgumentException("one value per epoch expected");
        }
        this.kind = kind;
        this.epochs = List.copyOf(epochs);
        this.values = List.copyOf(values);
    }

    @Override
    public void execute(MutableSolutionView<CarbonSchedule> view) {
        PlanningVariableMetaModel<CarbonSchedule, EpochAssignment, StateValue> variable = view.getSolutionMetaModel()
                .genuineEntity(EpochAssignment.class).basicVariable("state", StateValue.class);
        for (int i = 0; i < epochs.size(); i++) {
            view.changeVariable(variable, epochs.get(i), values.get(i));
        }
    }

    @Override
    public Move<CarbonSchedule> rebase(Lookup lookup) {
        List<EpochAssignment> rebasedEpochs = new ArrayList<>(epochs.size());
        List<StateValue> rebasedValues = new ArrayList<>(values.size());
        for (int i = 0; i < epochs.size(); i++) {
            rebasedEpochs.add(lookup.lookUpWorkingObject(epochs.get(i)));
            rebasedValues.add(lookup.lookUpWorkingObject(values.get(i)));
        }
        return new EpochsChangeMove(kind, rebasedEpochs, rebasedValues);
    }

    @Override
    public SequencedCollection<Object> getPlanningEntities() {
        return new ArrayList<>(epochs);
    }

    @Override
    public SequencedCollection<Object> getPlanningValues() {
        return new ArrayList<>(values);
    }

    @Override
    public String describe() {
        return kind;
    }

    @Override
    public String toString() {
        return kind + epochs + "->" + values;
    }
}
