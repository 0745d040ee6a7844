package org.carbonaware.planner.solve;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.carbonaware.planner.common.InputException;
import org.carbonaware.planner.common.Spelling;

/** Validates the options given for a solver against the options it declares: once, before anything is solved. */
public final class SolverOptions {

    private SolverOptions() {
    }

    /**
     * Checks every given option of {@code settings} against {@code solver}'s declarations, then the solver's own
     * cross-checks ({@link PlanSolver#checkOptions}).
     *
     * @param knownSolvers every registered solver, to say which one takes an option the chosen one does not
     * @return the effective value of every declared option, in declared order (null: absent, no default)
     * @throws InputException naming the option and value, with a "Maybe you meant …" hint where one helps
     */
    public static Map<String, Object> check(PlanSolver solver, SolveSettings settings, Collection<? extends PlanSolver> knownSolvers) {
        Map<String, SolverOption<?>> declared = new LinkedHashMap<>();
        for (SolverOption<?> option : solver.options()) {
            declared.put(option.name(), option);
        }
        for (Map.Entry<String, String> given : settings.parameters().entrySet()) {
            SolverOption<?> option = declared.get(given.getKey());
            if (option == null) {
                throw unknown(solver, given.getKey(), declared.keySet(), knownSolvers);
            }
            try {
                option.parse(given.getValue());
            } catch (IllegalArgumentException e) {
                throw new InputException("option %s=%s of solver %s: %s%s".formatted(given.getKey(), given.getValue(),
                        solver.name(), e.getMessage(), e.getMessage().contains("Maybe") ? ""
                                : ". Maybe see 'planner solvers " + solver.name() + "'?"));
            }
        }
        solver.checkOptions(settings);
        return effective(solver, settings);
    }

    /** The effective value of every declared option (given, else default), in declared order. */
    public static Map<String, Object> effective(PlanSolver solver, SolveSettings settings) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (SolverOption<?> option : solver.options()) {
            values.put(option.name(), option.get(settings));
        }
        return Collections.unmodifiableMap(values);
    }

    private static InputException unknown(PlanSolver solver, String key, Collection<String> declared,
                                           Collection<? extends PlanSolver> knownSolvers) {
        List<String> takers = new ArrayList<>();
        for (PlanSolver other : knownSolvers) {
            if (other.options().stream().anyMatch(o -> o.name().equals(key))) {
                takers.add(other.name());
            }
        }
        String hint = Spelling.closest(key, declared);
        StringBuilder message = new StringBuilder("solver %s takes no option '%s'".formatted(solver.name(), key));
        if (!takers.isEmpty()) {
            message.append(" (it is an option of ").append(String.join(", ", takers)).append(")");
        }
        if (hint != null) {
            message.append(". Maybe you meant '").append(hint).append("'?");
        } else if (declared.isEmpty()) {
            message.append("; it takes no options at all. Maybe drop the --param?");
        } else {
            message.append("; it takes ").append(String.join(", ", declared))
                    .append(". Maybe see 'planner solvers ").append(solver.name()).append("'?");
        }
        return new InputException(message.toString());
    }
}
