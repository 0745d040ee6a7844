package org.carbonaware.planner.validate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.carbonaware.planner.domain.Instance;
import org.carbonaware.planner.domain.Option;
import org.carbonaware.planner.domain.Plan;
import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.domain.Site;
import org.carbonaware.planner.domain.SiteEpoch;
import org.carbonaware.planner.domain.StateSpace;
import org.carbonaware.planner.solve.Gap;

/**
 * Re-scores plans from the instance alone. For a stored solution it reads only the per-epoch, per-site options,
 * recomputes everything through {@link PlanEvaluator}, lists every violated rule (unknown options, capacity,
 * availability, switching outside round boundaries, workload) and every stated figure that disagrees.
 */
public final class PlanValidator {

    /** Relative tolerance for stated figures. */
    public static final double RELATIVE_TOLERANCE = 1e-6;

    private PlanValidator() {
    }

    /** Checks a plan produced in-process (by a solver or baseline). */
    public static ValidationReport validate(Problem problem, Plan plan) {
        List<String> violations = new ArrayList<>();
        if (plan.epochCount() != problem.epochCount()) {
            violations.add("the plan has %d epochs but the instance has %d".formatted(plan.epochCount(), problem.epochCount()));
            return new ValidationReport(violations, List.of(), null);
        }
        int[][] configurations = new int[plan.epochCount()][];
        for (int t = 0; t < plan.epochCount(); t++) {
            int state = plan.state(t);
            if (state < Problem.PAUSED || state >= problem.stateCount()) {
                violations.add("epoch %d: state index %d does not exist".formatted(t, state));
            } else {
                configurations[t] = problem.configuration(state);
            }
        }
        if (!violations.isEmpty()) {
            return new ValidationReport(violations, List.of(), null);
        }
        checkRules(problem, configurations, violations);
        Evaluation evaluation = PlanEvaluator.evaluate(problem, configurations);
        checkWorkload(evaluation, violations);
        return new ValidationReport(violations, List.of(), evaluation);
    }

    /** Checks a stored solution against the instance. */
    public static ValidationReport validate(Problem problem, StoredSolution solution) {
        List<String> violations = new ArrayList<>();
        List<String> mismatches = new ArrayList<>();
        if (solution.instance() != null && !solution.instance().equals(problem.name())) {
            violations.add("the solution is for instance \"%s\", not \"%s\"".formatted(solution.instance(), problem.name()));
        }
        List<EpochClaim> claims = solution.epochList();
        if (claims.size() != problem.epochCount()) {
            violations.add("the solution has %d epochs but the instance has %d (deadline %s h of %d-minute epochs)"
                    .formatted(claims.size(), problem.epochCount(), problem.instance().deadlineHours(), problem.epochMinutes()));
        }
        int sites = problem.siteCount();
        int[][] configurations = new int[problem.epochCount()][];
        for (int t = 0; t < problem.epochCount(); t++) {
            configurations[t] = new int[sites];
            Arrays.fill(configurations[t], Problem.PAUSED);
            if (t >= claims.size()) {
                continue;
            }
            EpochClaim claim = claims.get(t);
            if (claim.index() != t) {
                violations.add("epochs[%d]: index is %d, expected %d".formatted(t, claim.index(), t));
            }
            Instant expectedStart = problem.epochStart(t);
            if (claim.start() != null && !sameInstant(claim.start(), expectedStart)) {
                violations.add("epochs[%d]: start is %s, expected %s".formatted(t, claim.start(), expectedStart));
            }
            resolveSites(problem, t, claim, configurations[t], violations);
        }
        checkRules(problem, configurations, violations);
        Evaluation evaluation = PlanEvaluator.evaluate(problem, configurations);
        checkWorkload(evaluation, violations);
        Figures figures = new Figures(violations, mismatches);
        compareTotals(solution.statedTotals(), evaluation, figures);
        checkStatus(solution.status(), solution.statedTotals(), evaluation, violations);
        for (int t = 0; t < Math.min(claims.size(), evaluation.epochList().size()); t++) {
            EpochClaim claim = claims.get(t);
            EpochResult epoch = evaluation.epochList().get(t);
            compareEpoch("epochs[" + t + "].", claim.stated(), epoch, sites == 1, figures);
            for (EpochClaim.SiteClaim siteClaim : claim.siteClaimList()) {
                int s = siteClaim.site() == null ? 0 : problem.instance().siteIndex(siteClaim.site());
                if (siteClaim.site() != null && s >= 0) {
                    compareSite(siteClaim.where().replaceFirst("\\.option$", "."), siteClaim.stated(), epoch.siteList().get(s), figures);
                }
            }
        }
        return new ValidationReport(violations, mismatches, evaluation);
    }

    /** Largest gap an OPTIMAL result may state: the exact solvers' relative gap tolerance (0.01 %), plus noise. */
    static final double OPTIMAL_GAP = 1.0001e-4;

    /**
     * A stated status against the stated bound and the recomputed total: no bound may lie above the plan, an
     * OPTIMAL plan needs a bound within {@link #OPTIMAL_GAP} of it, and a plan cannot be INFEASIBLE or have no solution.
     */
    private static void checkStatus(String status, Map<String, Double> stated, Evaluation evaluation, List<String> violations) {
        Double bound = stated.get("bestBoundKg");
        double total = evaluation.totalKg();
        if (bound != null && Double.isFinite(bound) && bound > total + RELATIVE_TOLERANCE * Math.abs(total) + 1e-12) {
            violations.add("bestBoundKg: stated %s, above the plan's recomputed total %s kg; a lower bound cannot exceed a plan"
                    .formatted(bound, total));
        }
        if (status == null) {
            return;
        }
        switch (status) {
            case "OPTIMAL" -> {
                if (bound == null || !Double.isFinite(bound)) {
                    violations.add("status: OPTIMAL without a bestBoundKg that proves it");
                } else if (Gap.relative(total, bound) > OPTIMAL_GAP) {
                    violations.add("status: OPTIMAL, but the plan's recomputed total %s kg is %.4g%% above the stated bestBoundKg %s"
                            .formatted(total, 100 * Gap.relative(total, bound), bound));
                }
            }
            case "FEASIBLE" -> { }
            case "INFEASIBLE", "NO_SOLUTION", "UNKNOWN" -> violations.add("status: %s, but the file holds a plan".formatted(status));
            default -> violations.add("status: \"%s\" is not a status (OPTIMAL, FEASIBLE)".formatted(status));
        }
    }

    /** Where compared figures go: a non-finite stated figure is a violation, a differing one a mismatch. */
    private record Figures(List<String> violations, List<String> mismatches) {
    }

    private static boolean sameInstant(String text, Instant expected) {
        try {
            return Instant.parse(text).equals(expected);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static void resolveSites(Problem problem, int t, EpochClaim claim, int[] configuration, List<String> violations) {
        Instance instance = problem.instance();
        boolean[] seen = new boolean[problem.siteCount()];
        for (EpochClaim.SiteClaim siteClaim : claim.siteClaimList()) {
            int s;
            if (siteClaim.site() == null) {
                if (instance.multiSite()) {
                    violations.add("epochs[%d]: an \"option\" without a site, but the instance has %d sites; give \"sites\": [{\"site\", \"option\"}, ...]"
                            .formatted(t, instance.siteCount()));
                    continue;
                }
                s = 0;
            } else {
                s = instance.siteIndex(siteClaim.site());
                if (s < 0) {
                    violations.add("%s: site \"%s\" is not in the instance".formatted(siteClaim.where(), siteClaim.site()));
                    continue;
                }
            }
            if (seen[s]) {
                violations.add("epochs[%d]: site \"%s\" appears twice".formatted(t, instance.site(s).name()));
                continue;
            }
            seen[s] = true;
            if (!siteClaim.off()) {
                configuration[s] = resolve(problem, s, siteClaim, violations);
            }
        }
    }

    private static int resolve(Problem problem, int site, EpochClaim.SiteClaim claim, List<String> violations) {
        String where = claim.where();
        Site definition = problem.site(site);
        List<Option> all = definition.optionList();
        Option match = null;
        int matches = 0;
        for (Option option : all) {
            boolean same = claim.optionId() != null
                    ? claim.optionId().equals(option.id())
                    : option.dp() == claim.dp() && option.tp() == claim.tp() && option.pp() == claim.pp()
                            && java.util.Objects.equals(option.powerCapWatts(), claim.powerCapWatts());
            if (same) {
                match = option;
                matches++;
            }
        }
        String described = claim.optionId() != null ? "id \"" + claim.optionId() + "\""
                : "dp=%d tp=%d pp=%d".formatted(claim.dp(), claim.tp(), claim.pp())
                        + (claim.powerCapWatts() != null ? " powerCapWatts=" + claim.powerCapWatts() : "");
        String table = problem.siteCount() == 1 ? "the instance's option table" : "the option table of site \"" + definition.name() + "\"";
        if (matches == 0) {
            violations.add("%s: %s is not in %s".formatted(where, described, table));
            return Problem.PAUSED;
        }
        if (matches > 1) {
            violations.add("%s: %s matches %d options; the solution must name the option's id".formatted(where, described, matches));
            return Problem.PAUSED;
        }
        boolean degreesStated = claim.dp() > 0 || claim.tp() > 0 || claim.pp() > 0;
        if (claim.optionId() != null && degreesStated && (match.dp() != claim.dp() || match.tp() != claim.tp() || match.pp() != claim.pp())) {
            violations.add("%s: id \"%s\" is dp=%d tp=%d pp=%d in the instance, not dp=%d tp=%d pp=%d".formatted(where,
                    claim.optionId(), match.dp(), match.tp(), match.pp(), claim.dp(), claim.tp(), claim.pp()));
        }
        if (claim.optionId() != null && degreesStated && !java.util.Objects.equals(match.powerCapWatts(), claim.powerCapWatts())) {
            violations.add("%s: id \"%s\" has powerCapWatts=%s in the instance, not %s".formatted(where, claim.optionId(),
                    match.powerCapWatts(), claim.powerCapWatts()));
        }
        if (match.gpus() > definition.maxGpus()) {
            violations.add("%s: %s uses %d GPUs, more than maxGpus=%d".formatted(where, described, match.gpus(),
                    definition.maxGpus()));
            return Problem.PAUSED;
        }
        return problem.siteOptionList(site).indexOf(match);
    }

    /** Capacity, availability and round-boundary rules, per epoch (one message per rule and epoch). */
    private static void checkRules(Problem problem, int[][] configurations, List<String> violations) {
        Instance instance = problem.instance();
        int[] previous = problem.configuration(problem.initialState());
        for (int t = 0; t < configurations.length; t++) {
            int[] configuration = configurations[t];
            int running = 0;
            int gpus = 0;
            List<String> unavailable = new ArrayList<>();
            for (int s = 0; s < configuration.length; s++) {
                if (configuration[s] == Problem.PAUSED) {
                    continue;
                }
                running++;
                gpus += problem.siteOptionList(s).get(configuration[s]).gpus();
                if (!problem.available(s, t)) {
                    unavailable.add(instance.site(s).name());
                }
            }
            int state = problem.stateOf(configuration);
            if (instance.multiSite()) {
                for (String site : unavailable) {
                    violations.add("epoch %d (%s): site \"%s\" runs outside its availability".formatted(t, problem.epochStart(t), site));
                }
            }
            if (state != StateSpace.UNLISTED && !problem.allowed(t, state) && (!instance.multiSite() || unavailable.isEmpty())) {
                violations.add("epoch %d: %s is not allowed in this epoch".formatted(t, state == Problem.PAUSED
                        ? "the paused state" : (instance.multiSite() ? "state " : "option ") + problem.stateLabel(state)));
            }
            if (running > instance.maxActiveSites()) {
                violations.add("epoch %d: %d sites run, more than maxActiveSites=%d".formatted(t, running, instance.maxActiveSites()));
            }
            if (instance.multiSite() && gpus > instance.maxTotalGpus()) {
                violations.add("epoch %d: %d GPUs run over all sites, more than maxGpus=%d".formatted(t, gpus, instance.maxTotalGpus()));
            }
            if (!Arrays.equals(configuration, previous) && !problem.switchAllowed(t)) {
                violations.add("epoch %d (%s): the plan changes state between round boundaries (roundMinutes=%s)"
                        .formatted(t, problem.epochStart(t), instance.federation().roundMinutes()));
            }
            previous = configuration;
        }
    }

    private static void checkWorkload(Evaluation evaluation, List<String> violations) {
        if (!evaluation.workloadReached()) {
            violations.add("the plan trains %.6g tokens, short of the workload of %.6g tokens by %.4g%%".formatted(
                    evaluation.tokens(), evaluation.workloadTokens(),
                    100 * (evaluation.workloadTokens() - evaluation.tokens()) / evaluation.workloadTokens()));
        }
    }

    private static void compareTotals(Map<String, Double> stated, Evaluation evaluation, Figures figures) {
        compare("objective", stated.get("objective"), 0, figures);
        compare("objective.totalKg", stated.get("objective.totalKg"), evaluation.totalKg(), figures);
        compare("objective.operationalKg", stated.get("objective.operationalKg"), evaluation.operationalKg(), figures);
        compare("objective.embodiedKg", stated.get("objective.embodiedKg"), evaluation.embodiedKg(), figures);
        compare("energyKwh", stated.get("energyKwh"), evaluation.energyKwh(), figures);
        compare("gpuHours", stated.get("gpuHours"), evaluation.gpuHours(), figures);
        compare("tokens", stated.get("tokens"), evaluation.tokens(), figures);
        compare("workloadTokens", stated.get("workloadTokens"), evaluation.workloadTokens(), figures);
        compare("tokensPerKg", stated.get("tokensPerKg"), evaluation.tokensPerKg(), figures);
        compare("finishHours", stated.get("finishHours"), evaluation.finishHours(), figures);
        compare("reconfigurations", stated.get("reconfigurations"), evaluation.reconfigurations(), figures);
        compare("reconfigurationKinds", stated.get("reconfigurationKinds"), 0, figures);
        compare("reconfigurationKinds.resumes", stated.get("reconfigurationKinds.resumes"), evaluation.resumes(), figures);
        compare("reconfigurationKinds.dpChanges", stated.get("reconfigurationKinds.dpChanges"), evaluation.dpChanges(), figures);
        compare("reconfigurationKinds.reshards", stated.get("reconfigurationKinds.reshards"), evaluation.reshards(), figures);
        compare("reconfigurationKinds.capChanges", stated.get("reconfigurationKinds.capChanges"), evaluation.capChanges(), figures);
        compare("federatedEpochs", stated.get("federatedEpochs"), evaluation.federatedEpochs(), figures);
        Double bound = stated.get("bestBoundKg");
        compare("bestBoundKg", bound, bound == null || bound.isNaN() ? Double.NaN : bound, figures);
        if (stated.containsKey("gap")) {
            double gap = bound == null || bound.isNaN() ? Double.NaN : Gap.relative(evaluation.totalKg(), bound);
            Double statedGap = stated.get("gap");
            // Without a bound the file writes gap null; with one the gap follows from it and the recomputed total.
            if (!(Double.isNaN(gap) && statedGap.isNaN())) {
                compare("gap", statedGap, gap, figures);
            }
        }
    }

    private static void compareEpoch(String prefix, Map<String, Double> stated, EpochResult epoch, boolean oneSite,
            Figures figures) {
        compare(prefix + "gpus", stated.get("gpus"), epoch.gpus(), figures);
        compare(prefix + "tokens", stated.get("tokens"), epoch.tokens(), figures);
        if (oneSite) {
            compare(prefix + "lostMinutes", stated.get("lostMinutes"), epoch.lostMinutes(), figures);
            compare(prefix + "carbonIntensity", stated.get("carbonIntensity"), epoch.carbonIntensity(), figures);
        }
        compare(prefix + "energyKwh", stated.get("energyKwh"), epoch.energyKwh(), figures);
        compare(prefix + "operationalKg", stated.get("operationalKg"), epoch.operationalKg(), figures);
        compare(prefix + "embodiedKg", stated.get("embodiedKg"), epoch.embodiedKg(), figures);
    }

    private static void compareSite(String prefix, Map<String, Double> stated, SiteEpoch site, Figures figures) {
        compare(prefix + "gpus", stated.get("gpus"), site.gpus(), figures);
        compare(prefix + "lostMinutes", stated.get("lostMinutes"), site.lostMinutes(), figures);
        compare(prefix + "tokens", stated.get("tokens"), site.tokens(), figures);
        compare(prefix + "carbonIntensity", stated.get("carbonIntensity"), site.carbonIntensity(), figures);
        compare(prefix + "energyKwh", stated.get("energyKwh"), site.energyKwh(), figures);
        compare(prefix + "operationalKg", stated.get("operationalKg"), site.operationalGrams() / 1000.0, figures);
        compare(prefix + "embodiedKg", stated.get("embodiedKg"), site.embodiedGrams() / 1000.0, figures);
    }

    /** A stated figure (null: not stated, NaN: stated but not a finite number) against the recomputed one. */
    private static void compare(String field, Double stated, double recomputed, Figures figures) {
        if (stated == null) {
            return;
        }
        if (stated.isNaN()) {
            figures.violations().add("%s: stated value is not a finite number (null, text or out of range)%s".formatted(field,
                    Double.isFinite(recomputed) ? "; recomputed " + recomputed : ""));
            return;
        }
        if (Double.isNaN(recomputed) || !withinTolerance(stated, recomputed)) {
            figures.mismatches().add("%s: stated %s, recomputed %s".formatted(field, stated, recomputed));
        }
    }

    public static boolean withinTolerance(double stated, double recomputed) {
        return Math.abs(stated - recomputed) <= RELATIVE_TOLERANCE * Math.max(Math.abs(stated), Math.abs(recomputed)) + 1e-12;
    }
}
