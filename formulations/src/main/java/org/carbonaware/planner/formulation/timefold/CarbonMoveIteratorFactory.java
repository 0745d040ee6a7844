package org.carbonaware.planner.formulation.timefold;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.random.RandomGenerator;

import ai.timefold.solver.core.impl.heuristic.selector.move.factory.MoveIteratorFactory;
import ai.timefold.solver.core.impl.score.director.ScoreDirector;

/**
 * Problem-specific random moves for local search (the built-in change and swap moves cover single epochs and
 * pairs): shift work from a dirtier to a cleaner epoch, slide a block of equal states by one epoch, and set a run
 * of consecutive epochs to one state (which also merges blocks and so saves reconfiguration losses).
 *
 * <p>Timefold 2.x keeps {@code MoveIteratorFactory} in its implementation packages; the moves themselves use the
 * public {@code Move} API.
 */
public class CarbonMoveIteratorFactory implements MoveIteratorFactory<CarbonSchedule, EpochsChangeMove> {

    /** Longest run the run move sets at once. */
    static final int MAX_RUN_EPOCHS = 12;

    @Override
    public long getSize(ScoreDirector<CarbonSchedule> scoreDirector) {
        CarbonSchedule schedule = scoreDirector.getWorkingSolution();
        return (long) schedule.getEpochs().size() * schedule.getStates().size() * MAX_RUN_EPOCHS;
    }

    @Override
    public Iterator<EpochsChangeMove> createOriginalMoveIterator(ScoreDirector<CarbonSchedule> scoreDirector) {
        throw new UnsupportedOperationException("the carbon moves are only selected at random");
    }

    @Override
    public Iterator<EpochsChangeMove> createRandomMoveIterator(ScoreDirector<CarbonSchedule> scoreDirector,
                                                               RandomGenerator random) {
        CarbonSchedule schedule = scoreDirector.getWorkingSolution();
        List<EpochAssignment> epochs = schedule.getEpochs().stream()
                .filter(epoch -> !epoch.isPinned())
                .sorted(Comparator.comparingInt(EpochAssignment::getEpoch))
                .toList();
        List<StateValue> states = schedule.getStates();
        CostTable costTable = epochs.isEmpty() ? null : epochs.getFirst().getCostTable();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return epochs.size() >= 2 && states.size() >= 2;
            }

            @Override
            public EpochsChangeMove next() {
                int kind = random.nextInt(3);
                EpochsChangeMove move = switch (kind) {
                    case 0 -> shift(epochs, states, costTable, random);
                    case 1 -> slide(epochs, random);
                    default -> null;
                };
                return move != null ? move : run(epochs, states, random);
            }
        };
    }

    /** A dirtier running epoch drops to a slower state while a cleaner epoch rises to a faster one. */
    static EpochsChangeMove shift(List<EpochAssignment> epochs, List<StateValue> states, CostTable costTable,
                                  RandomGenerator random) {
        for (int attempt = 0; attempt < 8; attempt++) {
            EpochAssignment dirty = epochs.get(random.nextInt(epochs.size()));
            EpochAssignment clean = epochs.get(random.nextInt(epochs.size()));
            if (dirty == clean) {
                continue;
            }
            if (costTable.carbonIntensity(dirty.getEpoch()) < costTable.carbonIntensity(clean.getEpoch())) {
                EpochAssignment swap = dirty;
                dirty = clean;
                clean = swap;
            }
            long dirtyTokens = costTable.steadyTokens(dirty.getState());
            long cleanTokens = costTable.steadyTokens(clean.getState());
            List<StateValue> slower = new ArrayList<>();
            List<StateValue> faster = new ArrayList<>();
            for (StateValue state : states) {
                long tokens = costTable.steadyTokens(state);
                if (tokens < dirtyTokens) {
                    slower.add(state);
                }
                if (tokens > cleanTokens) {
                    faster.add(state);
                }
            }
            if (slower.isEmpty() || faster.isEmpty()) {
                continue;
            }
            return new EpochsChangeMove("shift", List.of(dirty, clean),
                    List.of(slower.get(random.nextInt(slower.size())), faster.get(random.nextInt(faster.size()))));
        }
        return null;
    }

    /** A block of equal states moves one epoch left or right; the epoch it leaves takes the state it enters. */
    static EpochsChangeMove slide(List<EpochAssignment> epochs, RandomGenerator random) {
        int t = random.nextInt(epochs.size());
        StateValue value = epochs.get(t).getState();
        int first = t;
        while (first > 0 && epochs.get(first - 1).getState() == value) {
            first--;
        }
        int last = t;
        while (last + 1 < epochs.size() && epochs.get(last + 1).getState() == value) {
            last++;
        }
        boolean left = random.nextBoolean();
        if (left && first > 0) {
            EpochAssignment entering = epochs.get(first - 1);
            return new EpochsChangeMove("slide", List.of(entering, epochs.get(last)), List.of(value, entering.getState()));
        }
        if (!left && last + 1 < epochs.size()) {
            EpochAssignment entering = epochs.get(last + 1);
            return new EpochsChangeMove("slide", List.of(entering, epochs.get(first)), List.of(value, entering.getState()));
        }
        return null;
    }

    /** Consecutive epochs all take one state: a random one or the state of a neighbouring epoch. */
    static EpochsChangeMove run(List<EpochAssignment> epochs, List<StateValue> states, RandomGenerator random) {
        int length = 2 + random.nextInt(Math.min(MAX_RUN_EPOCHS, epochs.size()) - 1);
        int start = random.nextInt(epochs.size() - length + 1);
        StateValue value;
        int neighbour = random.nextBoolean() ? start - 1 : start + length;
        if (random.nextBoolean() && neighbour >= 0 && neighbour < epochs.size()) {
            value = epochs.get(neighbour).getState();
        } else {
            value = states.get(random.nextInt(states.size()));
        }
        List<EpochAssignment> run = epochs.subList(start, start + length);
        List<StateValue> values = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            values.add(value);
        }
        return new EpochsChangeMove("run", run, values);
    }
}
