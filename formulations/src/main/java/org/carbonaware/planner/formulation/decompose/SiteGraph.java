package org.carbonaware.planner.formulation.decompose;

import java.util.Arrays;
import java.util.List;

import org.carbonaware.planner.domain.Option;
import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.domain.SiteEpoch;
import org.carbonaware.planner.formulation.graph.LayeredViterbi;
import org.carbonaware.planner.formulation.graph.LayeredViterbi.Path;

/**
 * One site's sub-problem of the decomposition: a layered graph over the epochs whose nodes are off, each option
 * SOLO (the site runs alone, its tokens count once) and, when federations exist, each option FED (the site runs
 * beside others, its tokens count {@link #federatedFactor()}, the largest factor any federation containing the site
 * can have). Everything on a node or arc is the site's own: its energy at its carbon intensity, its embodied
 * carbon, its lost minutes and its availability; the couplings between sites are priced by multipliers.
 *
 * <p>Node 0 is off, node 1 + o option o SOLO, node 1 + options + o option o FED.
 */
final class SiteGraph {

    /** Coupling weight of a node: K for SOLO, 1 for FED, 0 off (the row K·Σ solo + Σ fed ≤ K). */
    private final int[] couplingByNode;
    private final int site;
    private final int options;
    private final int nodes;
    private final int epochs;
    private final double federatedFactor;
    /** energyKwh[a][b] of entering option b − 1 from option a − 1 (0 = off). */
    private final double[][] energyKwh;
    /** soloTokens[a][b] of entering option b − 1 from a − 1, before any federation factor. */
    private final double[][] soloTokens;
    private final double[] embodiedGrams;
    private final int[] gpus;
    private final double[] carbonIntensity;
    /** runnable[t][o + 1]: option o may run in epoch t (the site is available and the option within the GPU limit). */
    private final boolean[][] runnable;
    private final boolean[] switchAllowed;
    private final int initialNode;
    /** tokensByArc[a][b] = {@link #tokens(int, int)}, read by every shortest-path pass. */
    private final double[][] tokensByArc;

    /**
     * @param usable per option whether some state uses it (its GPUs fit the instance's total)
     * @param federatedFactor the largest federation factor of the site, or NaN when it never runs federated
     * @param capacity K, the most sites that may run in one epoch
     * @param initialFederated whether the initial state runs the site beside another
     */
    SiteGraph(Problem problem, int site, boolean[] usable, double federatedFactor, int capacity, boolean initialFederated) {
        this.site = site;
        List<Option> optionList = problem.siteOptionList(site);
        this.options = optionList.size();
        boolean federated = !Double.isNaN(federatedFactor);
        this.federatedFactor = federated ? federatedFactor : 1.0;
        this.nodes = 1 + options * (federated ? 2 : 1);
        this.epochs = problem.epochCount();
        this.energyKwh = new double[options + 1][options + 1];
        this.soloTokens = new double[options + 1][options + 1];
        this.embodiedGrams = new double[options + 1];
        this.gpus = new int[options + 1];
        for (int a = 0; a <= options; a++) {
            for (int b = 0; b <= options; b++) {
                SiteEpoch epoch = problem.siteEpoch(0, site, a - 1, b - 1, 1.0);
                energyKwh[a][b] = epoch.energyKwh();
                soloTokens[a][b] = epoch.tokens();
                embodiedGrams[b] = epoch.embodiedGrams();
                gpus[b] = epoch.gpus();
            }
        }
        this.carbonIntensity = problem.carbonIntensities(site);
        this.runnable = new boolean[epochs][options + 1];
        this.switchAllowed = new boolean[epochs];
        for (int t = 0; t < epochs; t++) {
            switchAllowed[t] = problem.switchAllowed(t);
            for (int o = 0; o < options; o++) {
                runnable[t][o + 1] = usable[o] && problem.available(site, t);
            }
        }
        this.couplingByNode = new int[nodes];
        for (int n = 1; n < nodes; n++) {
            couplingByNode[n] = n <= options ? capacity : 1;
        }
        int initialOption = problem.siteOptionIndex(problem.initialState(), site);
        this.initialNode = initialOption == Problem.PAUSED ? 0
                : 1 + initialOption + (initialFederated && federated ? options : 0);
        this.tokensByArc = new double[nodes][nodes];
        for (int a = 0; a < nodes; a++) {
            for (int b = 0; b < nodes; b++) {
                tokensByArc[a][b] = tokens(a, b);
            }
        }
    }

    int site() {
        return site;
    }

    int options() {
        return options;
    }

    int nodes() {
        return nodes;
    }

    double federatedFactor() {
        return federatedFactor;
    }

    /** The option index of a node, {@link Problem#PAUSED} for off. */
    int option(int node) {
        return node == 0 ? Problem.PAUSED : (node - 1) % options;
    }

    int coupling(int node) {
        return couplingByNode[node];
    }

    int gpus(int node) {
        return gpus[option(node) + 1];
    }

    /** GPUs of the site's largest usable option. */
    int maxGpus() {
        int most = 0;
        for (int o = 0; o < options; o++) {
            for (int t = 0; t < epochs; t++) {
                if (runnable[t][o + 1]) {
                    most = Math.max(most, gpus[o + 1]);
                    break;
                }
            }
        }
        return most;
    }

    /** Grams of the arc a → b into epoch t: the site's energy at its carbon intensity plus embodied carbon. */
    double grams(int t, int a, int b) {
        int from = option(a) + 1;
        int to = option(b) + 1;
        return energyKwh[from][to] * carbonIntensity[t] + embodiedGrams[to];
    }

    /** Tokens the relaxation counts for the arc a → b: solo tokens, times the federation factor into a FED node. */
    double tokens(int a, int b) {
        double tokens = soloTokens[option(a) + 1][option(b) + 1];
        return b > options ? tokens * federatedFactor : tokens;
    }

    /** Whether the arc a → b into epoch t exists: b runnable there, and a change only where the plan may switch. */
    boolean arcAllowed(int t, int a, int b) {
        return (b == 0 || runnable[t][option(b) + 1]) && (a == b || switchAllowed[t]);
    }

    /** The largest ratio of an epoch's grams to its tokens, running steadily: a multiplier above it makes running pay. */
    double maxGramsPerToken() {
        double ratio = 0;
        for (int t = 0; t < epochs; t++) {
            for (int o = 1; o <= options; o++) {
                if (soloTokens[o][o] > 0) {
                    ratio = Math.max(ratio, (energyKwh[o][o] * carbonIntensity[t] + embodiedGrams[o]) / soloTokens[o][o]);
                }
            }
        }
        return ratio;
    }

    /**
     * The cheapest path under arc weights grams − λ·tokens + μ_t·coupling + ν_t·GPUs (ties: more tokens); null
     * when no path exists. {@code nu} may be null.
     */
    Path cheapest(double lambda, double[] mu, double[] nu) {
        return LayeredViterbi.cheapest(new PricedArcs(mu, nu), lambda);
    }

    /** This site's arcs with the per-epoch coupling and GPU multipliers on the node entered. */
    private final class PricedArcs implements LayeredViterbi.Arcs {

        private final double[] mu;
        private final double[] nu;
        private final boolean[] exists = new boolean[nodes];
        private final double[] grams = new double[nodes];

        PricedArcs(double[] mu, double[] nu) {
            this.mu = mu;
            this.nu = nu;
        }

        @Override
        public int epochs() {
            return epochs;
        }

        @Override
        public int nodes() {
            return nodes;
        }

        @Override
        public int initialNode() {
            return initialNode;
        }

        @Override
        public void row(int epoch, int from, LayeredViterbi.Row row) {
            for (int b = 0; b < nodes; b++) {
                exists[b] = arcAllowed(epoch, from, b);
                if (exists[b]) {
                    grams[b] = SiteGraph.this.grams(epoch, from, b);
                }
            }
            row.exists = exists;
            row.existsOffset = 0;
            row.grams = grams;
            row.tokens = tokensByArc[from];
        }

        @Override
        public void penalties(int epoch, double[] penalty) {
            for (int b = 0; b < nodes; b++) {
                penalty[b] = mu[epoch] * couplingByNode[b] + (nu == null ? 0 : nu[epoch] * gpus(b));
            }
        }
    }

    /** The most tokens any path trains in the relaxation (every node's best factor), or −1 when no path exists. */
    double maxTokens() {
        double[] previous = new double[nodes];
        double[] current = new double[nodes];
        Arrays.fill(previous, Double.NEGATIVE_INFINITY);
        previous[initialNode] = 0;
        for (int t = 0; t < epochs; t++) {
            for (int b = 0; b < nodes; b++) {
                double best = Double.NEGATIVE_INFINITY;
                for (int a = 0; a < nodes; a++) {
                    if (previous[a] != Double.NEGATIVE_INFINITY && arcAllowed(t, a, b)) {
                        best = Math.max(best, previous[a] + tokens(a, b));
                    }
                }
                current[b] = best;
            }
            double[] swap = previous;
            previous = current;
            current = swap;
        }
        double most = -1;
        for (double tokens : previous) {
            most = Math.max(most, tokens);
        }
        return most;
    }

    /**
     * For every option, how much more than the cheapest path the cheapest path through it (in some epoch, either
     * mode) weighs under the given multipliers: its reduced cost, +∞ when no path runs it.
     */
    double[] reducedCosts(double lambda, double[] mu, double[] nu) {
        double[][] forward = new double[epochs][nodes];
        for (int t = 0; t < epochs; t++) {
            for (int b = 0; b < nodes; b++) {
                double penalty = mu[t] * couplingByNode[b] + (nu == null ? 0 : nu[t] * gpus(b));
                double best = Double.POSITIVE_INFINITY;
                for (int a = 0; a < nodes; a++) {
                    double from = t == 0 ? (a == initialNode ? 0 : Double.POSITIVE_INFINITY) : forward[t - 1][a];
                    if (from != Double.POSITIVE_INFINITY && arcAllowed(t, a, b)) {
                        best = Math.min(best, from + grams(t, a, b) - lambda * tokens(a, b) + penalty);
                    }
                }
                forward[t][b] = best;
            }
        }
        double[] backward = new double[nodes];
        double[] next = new double[nodes];
        double cheapest = Double.POSITIVE_INFINITY;
        for (double weight : forward[epochs - 1]) {
            cheapest = Math.min(cheapest, weight);
        }
        double[] through = new double[options];
        Arrays.fill(through, Double.POSITIVE_INFINITY);
        for (int t = epochs - 1; t >= 0; t--) {
            if (t < epochs - 1) {
                for (int a = 0; a < nodes; a++) {
                    double best = Double.POSITIVE_INFINITY;
                    for (int b = 0; b < nodes; b++) {
                        if (backward[b] != Double.POSITIVE_INFINITY && arcAllowed(t + 1, a, b)) {
                            double penalty = mu[t + 1] * couplingByNode[b] + (nu == null ? 0 : nu[t + 1] * gpus(b));
                            best = Math.min(best, grams(t + 1, a, b) - lambda * tokens(a, b) + penalty + backward[b]);
                        }
                    }
                    next[a] = best;
                }
                double[] swap = backward;
                backward = next;
                next = swap;
            }
            for (int n = 1; n < nodes; n++) {
                double weight = forward[t][n] + backward[n];
                int o = option(n);
                if (weight < through[o]) {
                    through[o] = weight;
                }
            }
        }
        for (int o = 0; o < options; o++) {
            through[o] = Math.max(0, through[o] - cheapest);
        }
        return through;
    }
}
