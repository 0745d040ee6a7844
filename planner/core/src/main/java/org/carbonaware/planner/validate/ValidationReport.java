package org.carbonaware.planner.validate;

import java.util.List;

/**
 * The validator's verdict.
 *
 * @param violations broken plan rules (the plan is not a valid plan for the instance)
 * @param mismatches stated figures that differ from the recomputation by more than the tolerance
 * @param evaluation the recomputed totals (with unresolvable epochs counted as paused)
 */
public record ValidationReport(List<String> violations, List<String> mismatches, Evaluation evaluation) {

    public ValidationReport {
        violations = List.copyOf(violations);
        mismatches = List.copyOf(mismatches);
    }

    public boolean feasible() {
        return violations.isEmpty();
    }

    public boolean passed() {
        return violations.isEmpty() && mismatches.isEmpty();
    }
}
