package org.carbonaware.planner.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.carbonaware.planner.common.InputException;

/**
 * The states of an instance: every combination of one allowed option or off per site with at least one site
 * running, at most {@code maxActiveSites} running sites and at most {@code maxTotalGpus} GPUs, less the
 * combinations another state dominates. With one site, state k is option k and nothing is pruned.
 *
 * <p>Y dominates X when any plan through X stays valid and gets no worse with Y in its place, whatever the
 * carbon intensities: Y runs a subset of X's sites (so it is available whenever X is), at every site the energy
 * of every arc into and out of Y's option is at most that of X's, Y's embodied carbon is at most X's, and every
 * arc into and out of Y trains at least the tokens of the corresponding arc of X. The test depends on the
 * instance only, so problems cut from the same instance (re-planning) share one state list.
 */
public final class StateSpace {

    /** {@link #stateOf} of a configuration that is not in the list. */
    public static final int UNLISTED = -2;

    /** Combinations beyond this are refused before they exhaust memory. */
    public static final int MAX_STATES = 1_000_000;

    /** Pairwise dominance is tested only up to this many combinations (the test is quadratic). */
    static final int MAX_DOMINANCE_STATES = 20_000;

    private final List<List<Option>> optionListBySite;
    private final int[][] configurations;
    private final int[] activeSites;
    private final int[] gpus;
    private final Map<String, Integer> indexByKey;
    /** A combination dominance pruning removed → the kept state that dominates it. */
    private final Map<String, Integer> substituteByKey;
    private final int combinations;
    private final int dominated;

    private StateSpace(List<List<Option>> optionListBySite, int[][] configurations, int combinations, int dominated,
            Map<String, Integer> substituteByKey) {
        this.optionListBySite = optionListBySite;
        this.substituteByKey = substituteByKey;
        this.configurations = configurations;
        this.combinations = combinations;
        this.dominated = dominated;
        this.activeSites = new int[configurations.length];
        this.gpus = new int[configurations.length];
        this.indexByKey = new HashMap<>();
        for (int k = 0; k < configurations.length; k++) {
            for (int s = 0; s < configurations[k].length; s++) {
                int option = configurations[k][s];
                if (option != Problem.PAUSED) {
                    activeSites[k]++;
                    gpus[k] += optionListBySite.get(s).get(option).gpus();
                }
            }
            indexByKey.put(Arrays.toString(configurations[k]), k);
        }
    }

    public static StateSpace of(Instance instance) {
        List<List<Option>> options = new ArrayList<>();
        for (Site site : instance.siteList()) {
            options.add(site.allowedOptionList());
        }
        if (instance.siteCount() == 1) {
            int[][] configurations = new int[options.get(0).size()][];
            for (int o = 0; o < configurations.length; o++) {
                configurations[o] = new int[] {o};
            }
            return new StateSpace(List.copyOf(options), configurations, configurations.length, 0, Map.of());
        }
        List<int[]> all = new ArrayList<>();
        int[] current = new int[instance.siteCount()];
        enumerate(instance, options, 0, 0, 0, current, all);
        int[][] combinations = all.toArray(new int[0][]);
        int[] dominator = new int[combinations.length];
        boolean[] removed = combinations.length <= MAX_DOMINANCE_STATES
                ? new Dominance(instance, options, combinations).dominated(dominator)
                : new boolean[combinations.length];
        List<int[]> kept = new ArrayList<>();
        int[] stateIndex = new int[combinations.length];
        for (int k = 0; k < combinations.length; k++) {
            if (!removed[k]) {
                stateIndex[k] = kept.size();
                kept.add(combinations[k]);
            }
        }
        Map<String, Integer> substitutes = new HashMap<>();
        for (int k = 0; k < combinations.length; k++) {
            int substitute = removed[k] ? keptDominator(k, removed, dominator) : -1;
            if (substitute >= 0) {
                substitutes.put(Arrays.toString(combinations[k]), stateIndex[substitute]);
            }
        }
        return new StateSpace(List.copyOf(options), kept.toArray(new int[0][]), combinations.length,
                combinations.length - kept.size(), substitutes);
    }

    /**
     * The kept end of the chain "x was removed for y": replacing every epoch in x by y keeps a plan valid and no
     * worse (the test compares y with x against every combination, pruned ones included), so each step of the chain
     * does, and so does the whole chain. -1 if the chain came back on itself (the pairwise test is not strictly
     * transitive): then no substitute is recorded.
     */
    private static int keptDominator(int combination, boolean[] removed, int[] dominator) {
        int y = combination;
        for (int steps = 0; removed[y]; steps++) {
            if (steps > removed.length) {
                return -1;
            }
            y = dominator[y];
        }
        return y;
    }

    private static void enumerate(Instance instance, List<List<Option>> options, int site, int running, int gpus,
            int[] current, List<int[]> out) {
        if (site == current.length) {
            if (running > 0) {
                if (out.size() >= MAX_STATES) {
                    throw new InputException("%s: the sites' options combine to more than %,d states. Maybe lower maxActiveSites or give the sites fewer options?"
                            .formatted(instance.sourceFile() == null ? instance.name() : instance.sourceFile(), MAX_STATES));
                }
                out.add(current.clone());
            }
            return;
        }
        current[site] = Problem.PAUSED;
        enumerate(instance, options, site + 1, running, gpus, current, out);
        if (running >= instance.maxActiveSites()) {
            return;
        }
        List<Option> siteOptions = options.get(site);
        for (int o = 0; o < siteOptions.size(); o++) {
            int total = gpus + siteOptions.get(o).gpus();
            if (total > instance.maxTotalGpus()) {
                continue;
            }
            current[site] = o;
            enumerate(instance, options, site + 1, running + 1, total, current, out);
        }
        current[site] = Problem.PAUSED;
    }

    public int size() {
        return configurations.length;
    }

    public List<List<Option>> optionListBySite() {
        return optionListBySite;
    }

    int[] configuration(int state) {
        return configurations[state];
    }

    int[] pausedConfiguration() {
        int[] paused = new int[optionListBySite.size()];
        Arrays.fill(paused, Problem.PAUSED);
        return paused;
    }

    int activeSites(int state) {
        return activeSites[state];
    }

    int gpus(int state) {
        return gpus[state];
    }

    public int stateOf(int[] configuration) {
        boolean any = false;
        for (int option : configuration) {
            any |= option != Problem.PAUSED;
        }
        if (!any) {
            return Problem.PAUSED;
        }
        Integer index = indexByKey.get(Arrays.toString(configuration));
        return index == null ? UNLISTED : index;
    }

    /**
     * {@link #stateOf}, or for a configuration dominance pruning removed the kept state that dominates it: a plan
     * that spends epochs in the configuration stays valid and gets no worse with the state in its place (for
     * example a plan over a subset of the options, mapped back to the full option lists). {@link #UNLISTED} only
     * for a configuration outside the capacity limits.
     */
    public int stateOrDominating(int[] configuration) {
        int state = stateOf(configuration);
        if (state != UNLISTED) {
            return state;
        }
        Integer substitute = substituteByKey.get(Arrays.toString(configuration));
        return substitute == null ? UNLISTED : substitute;
    }

    /** Combinations within the capacity limits, before dominance pruning. */
    public int combinations() {
        return combinations;
    }

    /** Combinations removed because another state dominates them. */
    public int dominated() {
        return dominated;
    }

    /** The pairwise dominance test of the class comment. */
    private static final class Dominance {

        private final int[][] states;
        private final SiteAccounting accounting;
        /** energyDominates[s][y + 1][x + 1]: every arc into and out of option y at site s uses at most x's energy. */
        private final boolean[][][] energyDominates;
        private final long[] masks;
        private final double[] steady;
        private final int[] paused;

        Dominance(Instance instance, List<List<Option>> options, int[][] states) {
            this.states = states;
            this.accounting = new SiteAccounting(instance, options);
            this.energyDominates = new boolean[instance.siteCount()][][];
            for (int s = 0; s < instance.siteCount(); s++) {
                energyDominates[s] = siteEnergyDominance(options, s);
            }
            this.masks = new long[states.length];
            this.steady = new double[states.length];
            for (int k = 0; k < states.length; k++) {
                for (int s = 0; s < states[k].length; s++) {
                    if (states[k][s] != Problem.PAUSED) {
                        masks[k] |= 1L << s;
                    }
                }
                steady[k] = accounting.tokens(states[k], states[k]);
            }
            this.paused = new int[instance.siteCount()];
            Arrays.fill(paused, Problem.PAUSED);
        }

        private boolean[][] siteEnergyDominance(List<List<Option>> options, int site) {
            int n = options.get(site).size() + 1;
            double[][] arc = new double[n][n];
            double[] embodied = new double[n];
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    arc[a][b] = accounting.energyKwh(site, a - 1, b - 1);
                }
                embodied[a] = accounting.embodiedGrams(site, a - 1);
            }
            boolean[][] dominates = new boolean[n][n];
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    boolean ok = embodied[y] <= embodied[x];
                    for (int a = 0; a < n && ok; a++) {
                        ok = arc[a][y] <= arc[a][x] && arc[y][a] <= arc[x][a];
                    }
                    dominates[y][x] = ok;
                }
            }
            return dominates;
        }

        /** Which combinations another dominates; {@code dominator[x]} is the one found for a removed x. */
        boolean[] dominated(int[] dominator) {
            boolean[] removed = new boolean[states.length];
            for (int x = 0; x < states.length; x++) {
                for (int y = 0; y < states.length && !removed[x]; y++) {
                    // Mutually dominating (equivalent) states: the first one stays.
                    if (y != x && dominates(y, x) && (y < x || !dominates(x, y))) {
                        removed[x] = true;
                        dominator[x] = y;
                    }
                }
            }
            return removed;
        }

        private boolean dominates(int y, int x) {
            if ((masks[y] & ~masks[x]) != 0 || steady[y] < steady[x]) {
                return false;
            }
            for (int s = 0; s < states[x].length; s++) {
                if (!energyDominates[s][states[y][s] + 1][states[x][s] + 1]) {
                    return false;
                }
            }
            if (accounting.tokens(paused, states[y]) < accounting.tokens(paused, states[x])
                    || accounting.tokens(states[y], paused) < accounting.tokens(states[x], paused)) {
                return false;
            }
            for (int z = 0; z < states.length; z++) {
                if (z != x && (accounting.tokens(states[z], states[y]) < accounting.tokens(states[z], states[x])
                        || accounting.tokens(states[y], states[z]) < accounting.tokens(states[x], states[z]))) {
                    return false;
                }
            }
            return true;
        }
    }
}
