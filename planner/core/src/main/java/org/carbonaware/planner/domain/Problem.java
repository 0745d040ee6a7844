package org.carbonaware.planner.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The resolved planning problem every solver and the validator work on: the epochs with their carbon
 * intensity, the allowed options and the carbon accounting of the plan semantics.
 *
 * <p>States are option indices into {@link #optionList()}; {@link #PAUSED} is the paused state. The problem
 * plans from an initial state and a remaining workload; {@link #remaining} cuts it to the epochs from a given
 * one on, so a rolling-horizon planner re-plans from the middle of a run with the same formulations. A cut keeps
 * the absolute epoch start times: its epoch 0 is epoch {@link #firstEpoch()} of the instance.
 *
 * <p>The plan is a path through states: {@link #grams(int, int)} is the cost of spending an epoch in a state,
 * {@link #transitionGrams(int, int, int)} the extra cost of entering it from another, and {@link #allowed(int, int)}
 * says which states an epoch may use. The last two are 0 and true for every instance today; solvers and the
 * validator honour them, so availability windows and costed migrations need no solver change. The class is open
 * so that a subclass can define them; a cut asks the problem it was cut from, at the absolute epoch.
 */
public class Problem {

    public static final int PAUSED = -1;

    private final Instance instance;
    private final List<Option> optionList;
    private final double[] carbonIntensityGramsPerKwh;
    private final int initialState;
    private final double workloadTokens;
    private final int firstEpoch;
    /** The problem this one was cut from (its epoch {@code firstEpoch - parent.firstEpoch} is this one's 0), or null. */
    private final Problem parent;

    public Problem(Instance instance, double[] carbonIntensityGramsPerKwh) {
        this(instance, carbonIntensityGramsPerKwh, PAUSED, instance.workloadTokens());
    }

    public Problem(Instance instance, double[] carbonIntensityGramsPerKwh, int initialState, double workloadTokens) {
        this(instance, carbonIntensityGramsPerKwh, initialState, workloadTokens, 0, null);
    }

    private Problem(Instance instance, double[] carbonIntensityGramsPerKwh, int initialState, double workloadTokens,
            int firstEpoch, Problem parent) {
        this.instance = instance;
        this.optionList = instance.allowedOptionList();
        if (firstEpoch < 0 || carbonIntensityGramsPerKwh.length != instance.epochCount() - firstEpoch) {
            throw new IllegalArgumentException("Expected %d epoch carbon intensities from epoch %d, got %d."
                    .formatted(instance.epochCount() - firstEpoch, firstEpoch, carbonIntensityGramsPerKwh.length));
        }
        if (initialState < PAUSED || initialState >= optionList.size()) {
            throw new IllegalArgumentException("Initial state %d is not an option index.".formatted(initialState));
        }
        this.carbonIntensityGramsPerKwh = carbonIntensityGramsPerKwh.clone();
        this.initialState = initialState;
        this.workloadTokens = workloadTokens;
        this.firstEpoch = firstEpoch;
        this.parent = parent;
    }

    /**
     * The rest of this problem from epoch {@code fromEpoch} on: the same deadline, entered in {@code initialState}
     * (the state of epoch {@code fromEpoch - 1}, whose reconfiguration cost of leaving is charged in the cut's
     * epoch 0), {@code workloadTokens} still to train and {@code carbonIntensityGramsPerKwh} for the remaining epochs
     * (a forecast, or the actual).
     */
    public Problem remaining(int fromEpoch, int initialState, double workloadTokens, double[] carbonIntensityGramsPerKwh) {
        if (fromEpoch < 0 || fromEpoch >= epochCount()) {
            throw new IllegalArgumentException("Cannot cut %d epochs at epoch %d.".formatted(epochCount(), fromEpoch));
        }
        return new Problem(instance, carbonIntensityGramsPerKwh, initialState, workloadTokens, firstEpoch + fromEpoch, this);
    }

    /** The instance epoch this problem's epoch 0 is (0 unless the problem is a {@link #remaining} cut). */
    public int firstEpoch() {
        return firstEpoch;
    }

    /** The same problem restricted to a sub-list of its options (for example one tp/pp family). */
    public Problem withOptions(List<Option> subList) {
        Instance restricted = instance.withOptionList(subList);
        int newInitial = initialState == PAUSED ? PAUSED : subList.indexOf(optionList.get(initialState));
        return new Problem(restricted, carbonIntensityGramsPerKwh, Math.max(PAUSED, newInitial), workloadTokens, firstEpoch, null);
    }

    public Instance instance() {
        return instance;
    }

    public String name() {
        return instance.name();
    }

    public List<Option> optionList() {
        return optionList;
    }

    public int optionCount() {
        return optionList.size();
    }

    public Option option(int state) {
        return state == PAUSED ? null : optionList.get(state);
    }

    public int epochCount() {
        return carbonIntensityGramsPerKwh.length;
    }

    public int epochMinutes() {
        return instance.epochMinutes();
    }

    public double epochHours() {
        return instance.epochMinutes() / 60.0;
    }

    public Instant epochStart(int epoch) {
        return instance.start().plus(Duration.ofSeconds((long) (firstEpoch + epoch) * instance.epochMinutes() * 60L));
    }

    public double carbonIntensity(int epoch) {
        return carbonIntensityGramsPerKwh[epoch];
    }

    public double[] carbonIntensities() {
        return carbonIntensityGramsPerKwh.clone();
    }

    public int initialState() {
        return initialState;
    }

    public double workloadTokens() {
        return workloadTokens;
    }

    public Reconfiguration reconfiguration() {
        return instance.reconfiguration();
    }

    public double lostMinutes(int fromState, int toState) {
        return instance.reconfiguration().lostMinutes(option(fromState), option(toState));
    }

    /** Tokens trained in one epoch spent in {@code toState} after {@code fromState}. */
    public double tokens(int fromState, int toState) {
        if (toState == PAUSED) {
            return 0;
        }
        double minutes = instance.epochMinutes() - lostMinutes(fromState, toState);
        return optionList.get(toState).tokensPerSecond() * 60.0 * minutes;
    }

    /** Facility energy (PUE included) of one epoch in a state. */
    public double energyKwh(int state) {
        double watts = state == PAUSED ? instance.idleWatts() : optionList.get(state).watts();
        return watts * instance.pue() * epochHours() / 1000.0;
    }

    public double operationalGrams(int epoch, int state) {
        return energyKwh(state) * carbonIntensityGramsPerKwh[epoch];
    }

    public double embodiedGrams(int state) {
        return state == PAUSED ? 0 : optionList.get(state).gpus() * instance.embodiedGramsPerGpuHour() * epochHours();
    }

    /** Grams of one epoch in a state: the objective's coefficient. */
    public double grams(int epoch, int state) {
        return operationalGrams(epoch, state) + embodiedGrams(state);
    }

    /**
     * Extra grams charged in {@code epoch} for entering {@code toState} from {@code fromState} (the state of the
     * previous epoch, or the initial state at epoch 0); finite and non-negative. 0 for every instance today.
     */
    public double transitionGrams(int epoch, int fromState, int toState) {
        return parent == null ? 0 : parent.transitionGrams(epoch + firstEpoch - parent.firstEpoch, fromState, toState);
    }

    /** Whether a plan may be in {@code state} during {@code epoch}. True for every instance today. */
    public boolean allowed(int epoch, int state) {
        return parent == null || parent.allowed(epoch + firstEpoch - parent.firstEpoch, state);
    }

    /** The index of {@link Option#fastest} among the options, or PAUSED if there is none. */
    public int fastestOption() {
        return Option.fastest(optionList).map(optionList::indexOf).orElse(PAUSED);
    }
}
