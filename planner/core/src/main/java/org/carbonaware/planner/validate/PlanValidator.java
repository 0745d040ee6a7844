package org.carbonaware.planner.validate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.carbonaware.planner.domain.Option;
import org.carbonaware.planner.domain.Plan;
import org.carbonaware.planner.domain.Problem;

/**
 * Re-scores plans from the instance alone. For a stored solution it reads only the per-epoch options, recomputes
 * everything through {@link PlanEvaluator}, lists every violated rule and every stated figure that disagrees.
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
        for (int t = 0; t < plan.epochCount(); t++) {
            int state = plan.state(t);
            if (state < Problem.PAUSED || state >= problem.optionCount()) {
                violations.add("epoch %d: option index %d does not exist".formatted(t, state));
            } else {
                checkAllowed(problem, t, state, violations);
            }
        }
        if (!violations.isEmpty()) {
            return new ValidationReport(violations, List.of(), null);
        }
        Evaluation evaluation = PlanEvaluator.evaluate(problem, plan);
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
        int[] states = new int[problem.epochCount()];
        for (int t = 0; t < problem.epochCount(); t++) {
            states[t] = Problem.PAUSED;
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
            if (!claim.paused()) {
                states[t] = resolve(problem, claim, violations);
            }
            checkAllowed(problem, t, states[t], violations);
        }
        Evaluation evaluation = PlanEvaluator.evaluate(problem, new Plan(states), false);
        checkWorkload(evaluation, violations);
        compareTotals(solution.statedTotals(), evaluation, mismatches);
        for (int t = 0; t < Math.min(claims.size(), evaluation.epochList().size()); t++) {
            compareEpoch(t, claims.get(t).stated(), evaluation.epochList().get(t), mismatches);
        }
        return new ValidationReport(violations, mismatches, evaluation);
    }

    private static boolean sameInstant(String text, Instant expected) {
        try {
            return Instant.parse(text).equals(expected);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static int resolve(Problem problem, EpochClaim claim, List<String> violations) {
        String where = "epochs[%d].option".formatted(claim.index());
        List<Option> all = problem.instance().optionList();
        Option match = null;
        int matches = 0;
        for (Option option : all) {
            boolean same = claim.optionId() != null
                    ? claim.optionId().equals(option.id())
                    : option.dp() == claim.dp() && option.tp() == claim.tp() && option.pp() == claim.pp();
            if (same) {
                match = option;
                matches++;
            }
        }
        String described = claim.optionId() != null ? "id \"" + claim.optionId() + "\""
                : "dp=%d tp=%d pp=%d".formatted(claim.dp(), claim.tp(), claim.pp());
        if (matches == 0) {
            violations.add("%s: %s is not in the instance's option table".formatted(where, described));
            return Problem.PAUSED;
        }
        if (matches > 1) {
            violations.add("%s: %s matches %d options; the solution must name the option's id".formatted(where, described, matches));
            return Problem.PAUSED;
        }
        if (claim.optionId() != null && (match.dp() != claim.dp() || match.tp() != claim.tp() || match.pp() != claim.pp())) {
            violations.add("%s: id \"%s\" is dp=%d tp=%d pp=%d in the instance, not dp=%d tp=%d pp=%d".formatted(where,
                    claim.optionId(), match.dp(), match.tp(), match.pp(), claim.dp(), claim.tp(), claim.pp()));
        }
        if (match.gpus() > problem.instance().maxGpus()) {
            violations.add("%s: %s uses %d GPUs, more than maxGpus=%d".formatted(where, described, match.gpus(),
                    problem.instance().maxGpus()));
            return Problem.PAUSED;
        }
        return problem.optionList().indexOf(match);
    }

    private static void checkAllowed(Problem problem, int epoch, int state, List<String> violations) {
        if (!problem.allowed(epoch, state)) {
            violations.add("epoch %d: %s is not allowed in this epoch".formatted(epoch,
                    state == Problem.PAUSED ? "the paused state" : "option " + problem.option(state).label()));
        }
    }

    private static void checkWorkload(Evaluation evaluation, List<String> violations) {
        if (!evaluation.workloadReached()) {
            violations.add("the plan trains %.6g tokens, short of the workload of %.6g tokens by %.4g%%".formatted(
                    evaluation.tokens(), evaluation.workloadTokens(),
                    100 * (evaluation.workloadTokens() - evaluation.tokens()) / evaluation.workloadTokens()));
        }
    }

    private static void compareTotals(Map<String, Double> stated, Evaluation evaluation, List<String> mismatches) {
        compare("objective.totalKg", stated.get("totalKg"), evaluation.totalKg(), mismatches);
        compare("objective.operationalKg", stated.get("operationalKg"), evaluation.operationalKg(), mismatches);
        compare("objective.embodiedKg", stated.get("embodiedKg"), evaluation.embodiedKg(), mismatches);
        compare("energyKwh", stated.get("energyKwh"), evaluation.energyKwh(), mismatches);
        compare("gpuHours", stated.get("gpuHours"), evaluation.gpuHours(), mismatches);
        compare("tokens", stated.get("tokens"), evaluation.tokens(), mismatches);
        compare("finishHours", stated.get("finishHours"), evaluation.finishHours(), mismatches);
        compare("reconfigurations", stated.get("reconfigurations"), (double) evaluation.reconfigurations(), mismatches);
    }

    private static void compareEpoch(int t, Map<String, Double> stated, EpochResult epoch, List<String> mismatches) {
        String prefix = "epochs[" + t + "].";
        compare(prefix + "gpus", stated.get("gpus"), epoch.gpus(), mismatches);
        compare(prefix + "tokens", stated.get("tokens"), epoch.tokens(), mismatches);
        compare(prefix + "carbonIntensity", stated.get("carbonIntensity"), epoch.carbonIntensity(), mismatches);
        compare(prefix + "energyKwh", stated.get("energyKwh"), epoch.energyKwh(), mismatches);
        compare(prefix + "operationalKg", stated.get("operationalKg"), epoch.operationalKg(), mismatches);
        compare(prefix + "embodiedKg", stated.get("embodiedKg"), epoch.embodiedKg(), mismatches);
    }

    private static void compare(String field, Double stated, double recomputed, List<String> mismatches) {
        if (stated == null) {
            return;
        }
        if (Double.isNaN(recomputed) || !withinTolerance(stated, recomputed)) {
            mismatches.add("%s: stated %s, recomputed %s".formatted(field, stated, recomputed));
        }
    }

    public static boolean withinTolerance(double stated, double recomputed) {
        return Math.abs(stated - recomputed) <= RELATIVE_TOLERANCE * Math.max(Math.abs(stated), Math.abs(recomputed)) + 1e-12;
    }
}
