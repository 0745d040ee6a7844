package org.carbonaware.planner.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The resolved planning problem every solver and the validator work on: the epochs with each site's carbon
 * intensity and availability, the allowed per-site options, the states and the carbon accounting of the plan
 * semantics.
 *
 * <p>A state is an index into the state list ({@link #stateCount()} entries); each state runs one allowed option
 * or nothing at every site, with at least one site running. {@link #PAUSED} is every site off. With one site,
 * state k is option k. The problem plans from an initial state and a remaining workload; {@link #remaining} cuts
 * it to the epochs from a given one on, so a rolling-horizon planner re-plans from the middle of a run with the
 * same formulations. A cut keeps the absolute epoch start times (its epoch 0 is epoch {@link #firstEpoch()} of the
 * instance), the state list and each site's availability.
 *
 * <p>The plan is a path through states: {@link #grams(int, int)} is the cost of spending an epoch in a state,
 * {@link #transitionGrams(int, int, int)} the extra cost of entering it from another (provisioning joining sites,
 * deprovisioning leaving ones), and {@link #allowed(int, int)} says which states an epoch may use (site
 * availability). The class is open so that tests can define other transition terms and rules; a cut adds what its
 * parent defines beyond the sites' own terms, at the absolute epoch.
 */
public class Problem {

    public static final int PAUSED = -1;

    private final Instance instance;
    private final List<List<Option>> optionListBySite;
    private final StateSpace stateSpace;
    private final SiteAccounting accounting;
    private final double[][] carbonIntensityBySite;
    private final boolean[][] availableBySite;
    private final int epochCount;
    private final int initialState;
    private final double workloadTokens;
    private final int firstEpoch;
    /** The problem this one was cut from (its epoch {@code firstEpoch - parent.firstEpoch} is this one's 0), or null. */
    private final Problem parent;
    /** Epochs of the instance's horizon, summed over sites, whose carbon intensity was carried across a trace gap. */
    private final int filledEpochs;

    /** A one-site problem on the given epoch carbon intensities, every epoch available. */
    public Problem(Instance instance, double[] carbonIntensityGramsPerKwh) {
        this(instance, carbonIntensityGramsPerKwh, PAUSED, instance.workloadTokens());
    }

    public Problem(Instance instance, double[] carbonIntensityGramsPerKwh, int initialState, double workloadTokens) {
        this(instance, new double[][] {carbonIntensityGramsPerKwh}, null, initialState, workloadTokens);
    }

    /**
     * @param carbonIntensityBySite [site][epoch] gCO2eq/kWh
     * @param availableBySite [site][epoch] whether the site may run; null when every site always may
     */
    public Problem(Instance instance, double[][] carbonIntensityBySite, boolean[][] availableBySite) {
        this(instance, carbonIntensityBySite, availableBySite, PAUSED, instance.workloadTokens());
    }

    public Problem(Instance instance, double[][] carbonIntensityBySite, boolean[][] availableBySite, int initialState,
            double workloadTokens) {
        this(instance, StateSpace.of(instance), carbonIntensityBySite, availableBySite, initialState, workloadTokens, 0, null, 0);
    }

    private Problem(Instance instance, StateSpace stateSpace, double[][] carbonIntensityBySite, boolean[][] availableBySite,
            int initialState, double workloadTokens, int firstEpoch, Problem parent, int filledEpochs) {
        this.instance = instance;
        this.stateSpace = stateSpace;
        this.optionListBySite = stateSpace.optionListBySite();
        this.accounting = new SiteAccounting(instance, optionListBySite);
        int sites = instance.siteCount();
        if (carbonIntensityBySite.length != sites) {
            throw new IllegalArgumentException("Expected carbon intensities for %d site(s), got %d."
                    .formatted(sites, carbonIntensityBySite.length));
        }
        if (firstEpoch < 0 || firstEpoch >= Math.max(1, instance.epochCount())) {
            throw new IllegalArgumentException("Cannot start a cut of %d epochs at epoch %d.".formatted(instance.epochCount(), firstEpoch));
        }
        this.epochCount = instance.epochCount() - firstEpoch;
        this.carbonIntensityBySite = new double[sites][];
        this.availableBySite = new boolean[sites][];
        for (int s = 0; s < sites; s++) {
            if (carbonIntensityBySite[s].length != epochCount) {
                throw new IllegalArgumentException("Expected %d epoch carbon intensities from epoch %d, got %d."
                        .formatted(epochCount, firstEpoch, carbonIntensityBySite[s].length));
            }
            this.carbonIntensityBySite[s] = carbonIntensityBySite[s].clone();
            if (availableBySite == null) {
                this.availableBySite[s] = new boolean[epochCount];
                Arrays.fill(this.availableBySite[s], true);
            } else {
                if (availableBySite[s].length != epochCount) {
                    throw new IllegalArgumentException("Expected %d epoch availabilities, got %d."
                            .formatted(epochCount, availableBySite[s].length));
                }
                this.availableBySite[s] = availableBySite[s].clone();
            }
        }
        if (initialState < PAUSED || initialState >= stateSpace.size()) {
            throw new IllegalArgumentException("Initial state %d is not a state index.".formatted(initialState));
        }
        this.initialState = initialState;
        this.workloadTokens = workloadTokens;
        this.firstEpoch = firstEpoch;
        this.parent = parent;
        this.filledEpochs = filledEpochs;
    }

    /**
     * The same problem, recording that {@code filledEpochs} epochs of the instance's horizon (summed over sites) take
     * their carbon intensity across a gap in the trace (set where the traces are read; every solution file states it).
     */
    public Problem withFilledEpochs(int filledEpochs) {
        return new Problem(instance, stateSpace, carbonIntensityBySite, availableBySite, initialState, workloadTokens, firstEpoch,
                parent, filledEpochs);
    }

    /** Epochs of the instance's horizon, summed over sites, whose carbon intensity was carried across a trace gap (a cut keeps its instance's count). */
    public int filledEpochs() {
        return filledEpochs;
    }

    /**
     * The rest of this one-site problem from epoch {@code fromEpoch} on: the same deadline, entered in
     * {@code initialState} (the state of epoch {@code fromEpoch - 1}, whose reconfiguration cost of leaving is charged
     * in the cut's epoch 0), {@code workloadTokens} still to train and {@code carbonIntensityGramsPerKwh} for the
     * remaining epochs (a forecast, or the actual).
     */
    public Problem remaining(int fromEpoch, int initialState, double workloadTokens, double[] carbonIntensityGramsPerKwh) {
        instance.singleSite();
        return remaining(fromEpoch, initialState, workloadTokens, new double[][] {carbonIntensityGramsPerKwh});
    }

    /** {@link #remaining(int, int, double, double[])} with one carbon-intensity vector per site. */
    public Problem remaining(int fromEpoch, int initialState, double workloadTokens, double[][] carbonIntensityBySite) {
        if (fromEpoch < 0 || fromEpoch >= epochCount) {
            throw new IllegalArgumentException("Cannot cut %d epochs at epoch %d.".formatted(epochCount, fromEpoch));
        }
        boolean[][] available = new boolean[siteCount()][];
        for (int s = 0; s < available.length; s++) {
            available[s] = Arrays.copyOfRange(availableBySite[s], fromEpoch, epochCount);
        }
        return new Problem(instance, stateSpace, carbonIntensityBySite, available, initialState, workloadTokens,
                firstEpoch + fromEpoch, this, filledEpochs);
    }

    /** The instance epoch this problem's epoch 0 is (0 unless the problem is a {@link #remaining} cut). */
    public int firstEpoch() {
        return firstEpoch;
    }

    /** The same one-site problem restricted to a sub-list of its options (for example one tp/pp family). */
    public Problem withOptions(List<Option> subList) {
        Instance restricted = instance.withOptionList(subList);
        int newInitial = initialState == PAUSED ? PAUSED : subList.indexOf(option(initialState));
        return new Problem(restricted, StateSpace.of(restricted), new double[][] {carbonIntensityBySite[0]}, availableBySite,
                Math.max(PAUSED, newInitial), workloadTokens, firstEpoch, null, filledEpochs);
    }

    public Instance instance() {
        return instance;
    }

    public String name() {
        return instance.name();
    }

    // ---- sites and states

    public int siteCount() {
        return optionListBySite.size();
    }

    public Site site(int site) {
        return instance.site(site);
    }

    /** The options the planner may use at a site (those within the site's maxGpus). */
    public List<Option> siteOptionList(int site) {
        return optionListBySite.get(site);
    }

    /** Non-paused states. */
    public int stateCount() {
        return stateSpace.size();
    }

    /** The one-site name of {@link #stateCount()}: with one site, state k is option k. */
    public int optionCount() {
        return stateSpace.size();
    }

    public StateSpace stateSpace() {
        return stateSpace;
    }

    /** Per-site option index (or PAUSED) of a state; a fresh array. */
    public int[] configuration(int state) {
        return state == PAUSED ? stateSpace.pausedConfiguration() : stateSpace.configuration(state).clone();
    }

    /** The option index (or PAUSED) the state runs at one site. */
    public int siteOptionIndex(int state, int site) {
        return state == PAUSED ? PAUSED : stateSpace.configuration(state)[site];
    }

    /** The option the state runs at one site, or null when the site is off. */
    public Option siteOption(int state, int site) {
        int option = siteOptionIndex(state, site);
        return option == PAUSED ? null : optionListBySite.get(site).get(option);
    }

    /** The state of a per-site configuration: PAUSED when every site is off, {@link StateSpace#UNLISTED} when not a state. */
    public int stateOf(int[] configuration) {
        return stateSpace.stateOf(configuration);
    }

    /** {@link #stateOf}, or the kept state that dominates a pruned configuration (see {@link StateSpace#stateOrDominating}). */
    public int stateOrDominating(int[] configuration) {
        return stateSpace.stateOrDominating(configuration);
    }

    /** The option of a one-site state (null when paused); use {@link #siteOption} for several sites. */
    public Option option(int state) {
        instance.singleSite();
        return state == PAUSED ? null : optionListBySite.get(0).get(state);
    }

    /** The one-site option list (state k = option k). */
    public List<Option> optionList() {
        instance.singleSite();
        return optionListBySite.get(0);
    }

    /** "paused", the option label of a one-site state, or "site:label+site:label" of the running sites. */
    public String stateLabel(int state) {
        if (state == PAUSED) {
            return "paused";
        }
        if (siteCount() == 1) {
            return optionListBySite.get(0).get(state).label();
        }
        List<String> parts = new ArrayList<>();
        for (int s = 0; s < siteCount(); s++) {
            Option option = siteOption(state, s);
            if (option != null) {
                parts.add(site(s).name() + ":" + option.label());
            }
        }
        return String.join("+", parts);
    }

    public int activeSites(int state) {
        return state == PAUSED ? 0 : stateSpace.activeSites(state);
    }

    public int gpus(int state) {
        return state == PAUSED ? 0 : stateSpace.gpus(state);
    }

    // ---- epochs

    public int epochCount() {
        return epochCount;
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

    /** The carbon intensity of a one-site problem's epoch. */
    public double carbonIntensity(int epoch) {
        instance.singleSite();
        return carbonIntensityBySite[0][epoch];
    }

    public double carbonIntensity(int site, int epoch) {
        return carbonIntensityBySite[site][epoch];
    }

    /** The carbon intensities of a one-site problem. */
    public double[] carbonIntensities() {
        instance.singleSite();
        return carbonIntensityBySite[0].clone();
    }

    public double[] carbonIntensities(int site) {
        return carbonIntensityBySite[site].clone();
    }

    public boolean available(int site, int epoch) {
        return availableBySite[site][epoch];
    }

    /** Whether the state may be spent in the epoch: each of its running sites is available (and the parent allows it). */
    public boolean allowed(int epoch, int state) {
        if (parent != null && !parent.allowed(epoch + firstEpoch - parent.firstEpoch, state)) {
            return false;
        }
        if (state == PAUSED) {
            return true;
        }
        int[] configuration = stateSpace.configuration(state);
        for (int s = 0; s < configuration.length; s++) {
            if (configuration[s] != PAUSED && !availableBySite[s][epoch]) {
                return false;
            }
        }
        return true;
    }

    /** Whether the plan may change state at the start of the epoch (always, unless switching waits for rounds). */
    public boolean switchAllowed(int epoch) {
        Federation federation = instance.federation();
        if (!federation.switchAtRoundBoundaries()) {
            return true;
        }
        double minutes = (double) (firstEpoch + epoch) * instance.epochMinutes();
        double rounds = minutes / federation.roundMinutes();
        return Math.abs(rounds - Math.rint(rounds)) < 1e-9;
    }

    /** Whether some site is unavailable in some epoch or state changes wait for round boundaries. */
    public boolean restricted() {
        for (int t = 0; t < epochCount; t++) {
            if (!switchAllowed(t)) {
                return true;
            }
            for (boolean[] available : availableBySite) {
                if (!available[t]) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether entering {@code toState} from {@code fromState} at the start of the epoch is allowed. */
    public boolean transitionAllowed(int epoch, int fromState, int toState) {
        return fromState == toState || switchAllowed(epoch);
    }

    public int initialState() {
        return initialState;
    }

    public double workloadTokens() {
        return workloadTokens;
    }

    /** The reconfiguration tiers of a one-site problem. */
    public Reconfiguration reconfiguration() {
        return instance.singleSite().reconfiguration();
    }

    // ---- accounting

    /** The factor a configuration's tokens count with: 1 with at most one running site (see {@link Federation}). */
    public double federatedFactor(int[] configuration) {
        return accounting.federatedFactor(configuration);
    }

    /** Lost minutes of a one-site transition. */
    public double lostMinutes(int fromState, int toState) {
        instance.singleSite();
        return siteLostMinutes(0, siteOptionIndex(fromState, 0), siteOptionIndex(toState, 0));
    }

    /** Minutes a site does not train when it enters option {@code toOption} from {@code fromOption} (PAUSED = off). */
    public double siteLostMinutes(int site, int fromOption, int toOption) {
        return accounting.lostMinutes(site, fromOption, toOption);
    }

    /**
     * One site in one epoch, entering {@code toOption} from {@code fromOption}, its tokens multiplied by
     * {@code tokenFactor} (the federation factor of the epoch's state).
     */
    public SiteEpoch siteEpoch(int epoch, int site, int fromOption, int toOption, double tokenFactor) {
        double ci = carbonIntensityBySite[site][epoch];
        double energy = siteEnergyKwh(site, fromOption, toOption);
        if (toOption == PAUSED) {
            return new SiteEpoch(site, PAUSED, 0, 0, 0, ci, energy, energy * ci, 0);
        }
        Option option = optionListBySite.get(site).get(toOption);
        double lost = siteLostMinutes(site, fromOption, toOption);
        double tokens = option.tokensPerSecond() * 60.0 * (instance.epochMinutes() - lost);
        if (tokenFactor != 1.0) {
            tokens *= tokenFactor;
        }
        double embodied = accounting.embodiedGrams(site, toOption);
        return new SiteEpoch(site, toOption, option.gpus(), lost, tokens, ci, energy, energy * ci, embodied);
    }

    /** Facility energy of one site in one epoch, provisioning (joining) and deprovisioning (leaving) included. */
    public double siteEnergyKwh(int site, int fromOption, int toOption) {
        return accounting.energyKwh(site, fromOption, toOption);
    }

    /** Every site of one epoch entering configuration {@code to} from {@code from} (per-site option indices). */
    public SiteEpoch[] siteEpochs(int epoch, int[] from, int[] to) {
        double factor = federatedFactor(to);
        SiteEpoch[] sites = new SiteEpoch[to.length];
        for (int s = 0; s < to.length; s++) {
            sites[s] = siteEpoch(epoch, s, from[s], to[s], factor);
        }
        return sites;
    }

    /** Tokens trained in one epoch spent in {@code toState} after {@code fromState}. */
    public double tokens(int fromState, int toState) {
        if (toState == PAUSED) {
            return 0;
        }
        // One site: state k is option k.
        return siteCount() == 1 ? accounting.soloTokens(0, fromState, toState)
                : accounting.tokens(configuration(fromState), configuration(toState));
    }

    /** Tokens of one epoch entering configuration {@code to} from {@code from} (per-site option indices). */
    public double tokens(int[] from, int[] to) {
        return accounting.tokens(from, to);
    }

    /** Facility energy (PUE included) of one epoch in a state, staying in it. */
    public double energyKwh(int state) {
        double energy = 0;
        for (int s = 0; s < siteCount(); s++) {
            int option = siteOptionIndex(state, s);
            energy += siteEnergyKwh(s, option, option);
        }
        return energy;
    }

    /** Operational grams of one epoch in a state, staying in it. */
    public double operationalGrams(int epoch, int state) {
        double grams = 0;
        for (int s = 0; s < siteCount(); s++) {
            int option = siteOptionIndex(state, s);
            grams += siteEnergyKwh(s, option, option) * carbonIntensityBySite[s][epoch];
        }
        return grams;
    }

    public double embodiedGrams(int state) {
        if (state == PAUSED) {
            return 0;
        }
        double grams = 0;
        for (int s = 0; s < siteCount(); s++) {
            grams += accounting.embodiedGrams(s, siteOptionIndex(state, s));
        }
        return grams;
    }

    /** Grams of one epoch in a state, staying in it: the objective's per-state coefficient. */
    public double grams(int epoch, int state) {
        return operationalGrams(epoch, state) + embodiedGrams(state);
    }

    /**
     * Grams that entering {@code toState} from {@code fromState} in the epoch adds to {@link #grams}: the power of
     * provisioning joining sites and deprovisioning leaving ones instead of their steady power (negative when
     * provisioning draws less than training; the arc's total, {@code grams + transitionGrams}, never is). 0 when
     * no site joins or leaves, or provisioning is free.
     */
    public double transitionGrams(int epoch, int fromState, int toState) {
        double grams = siteTransitionGrams(epoch, fromState, toState);
        if (parent != null) {
            // What a parent defines beyond the sites' own terms (a test's rules), at the absolute epoch.
            int parentEpoch = epoch + firstEpoch - parent.firstEpoch;
            grams += parent.transitionGrams(parentEpoch, fromState, toState) - parent.siteTransitionGrams(parentEpoch, fromState, toState);
        }
        return grams;
    }

    /**
     * Whether {@link #transitionGrams} can differ from 0: some site draws other energy while joining or leaving than
     * while running (the per-epoch carbon intensity then makes the term depend on the epoch). Per site and option, so
     * cheap; a subclass that adds its own terms says so here too.
     */
    public boolean hasTransitionGrams() {
        if (parent != null && parent.hasTransitionGrams()) {
            return true;
        }
        for (int s = 0; s < siteCount(); s++) {
            for (int o = 0; o < optionListBySite.get(s).size(); o++) {
                if (siteEnergyKwh(s, PAUSED, o) != siteEnergyKwh(s, o, o) || siteEnergyKwh(s, o, PAUSED) != siteEnergyKwh(s, PAUSED, PAUSED)) {
                    return true;
                }
            }
        }
        return false;
    }

    private double siteTransitionGrams(int epoch, int fromState, int toState) {
        if (fromState == toState) {
            return 0;
        }
        double grams = 0;
        for (int s = 0; s < siteCount(); s++) {
            int from = siteOptionIndex(fromState, s);
            int to = siteOptionIndex(toState, s);
            if ((from == PAUSED) != (to == PAUSED)) {
                double delta = siteEnergyKwh(s, from, to) - siteEnergyKwh(s, to, to);
                grams += delta * carbonIntensityBySite[s][epoch];
            }
        }
        return grams;
    }

    /** Tokens per second of a state staying in it (federation factor included). */
    public double tokensPerSecond(int state) {
        if (state == PAUSED) {
            return 0;
        }
        double rate = 0;
        for (int s = 0; s < siteCount(); s++) {
            Option option = siteOption(state, s);
            if (option != null) {
                rate += option.tokensPerSecond();
            }
        }
        double factor = siteCount() == 1 ? 1.0 : federatedFactor(configuration(state));
        return factor == 1.0 ? rate : rate * factor;
    }

    /**
     * The state with the most tokens per second (ties: fewer watts, then fewer GPUs; with one site
     * {@link Option#fastest}), or PAUSED if none.
     */
    public int fastestOption() {
        if (siteCount() == 1) {
            List<Option> options = optionListBySite.get(0);
            return Option.fastest(options).map(options::indexOf).orElse(PAUSED);
        }
        int best = PAUSED;
        for (int s = 0; s < stateCount(); s++) {
            if (best == PAUSED || faster(s, best)) {
                best = s;
            }
        }
        return best;
    }

    private boolean faster(int a, int b) {
        double rateA = tokensPerSecond(a);
        double rateB = tokensPerSecond(b);
        if (rateA != rateB) {
            return rateA > rateB;
        }
        double wattsA = watts(a);
        double wattsB = watts(b);
        if (wattsA != wattsB) {
            return wattsA < wattsB;
        }
        return gpus(a) < gpus(b);
    }

    private double watts(int state) {
        double watts = 0;
        for (int s = 0; s < siteCount(); s++) {
            Option option = siteOption(state, s);
            if (option != null) {
                watts += option.watts();
            }
        }
        return watts;
    }
}
