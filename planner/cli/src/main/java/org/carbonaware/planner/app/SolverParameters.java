package org.carbonaware.planner.app;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.carbonaware.planner.common.InputException;
import org.carbonaware.planner.common.Spelling;
import org.carbonaware.planner.formulation.Solvers;
import org.carbonaware.planner.solve.PlanSolver;
import org.carbonaware.planner.solve.SolveSettings;
import org.carbonaware.planner.solve.SolverOption;

/**
 * The one option syntax of every command: {@code KEY=VALUE} gives the option to every solver of the run that
 * takes it, {@code SOLVER.KEY=VALUE} to one solver only. Everything is checked against the solvers' declared
 * options before anything is solved.
 */
public final class SolverParameters {

    private SolverParameters() {
    }

    /**
     * Distributes {@code assignments} ({@code [SOLVER.]KEY=VALUE}) over the solvers of a run and checks every
     * solver's options.
     *
     * @param solverNames the solvers of the run (registered names)
     * @param scoped options already given per solver (a suite file's object form), applied first
     * @param settings time limit, workers and seed of the run (options' defaults may depend on them)
     * @return each solver's options, by solver name, in {@code solverNames} order
     * @throws InputException naming the assignment, with a "Maybe …" hint
     */
    public static Map<String, Map<String, String>> distribute(List<String> assignments, List<String> solverNames,
                                                              Map<String, Map<String, String>> scoped, SolveSettings settings) {
        Map<String, PlanSolver> solvers = new LinkedHashMap<>();
        for (String name : solverNames) {
            solvers.put(name, Solvers.create(name));
        }
        Map<String, Map<String, String>> bySolver = new LinkedHashMap<>();
        solverNames.forEach(name -> bySolver.put(name, new LinkedHashMap<>()));
        scoped.forEach((solver, options) -> {
            requireRun(solver, solverNames, "parameters for solver " + solver);
            bySolver.get(solver).putAll(options);
        });
        for (String assignment : assignments) {
            int equals = assignment.indexOf('=');
            if (equals <= 0) {
                throw new InputException("--param %s: expected KEY=VALUE or SOLVER.KEY=VALUE, e.g. presolve=none or mip.backend=SCIP."
                        .formatted(assignment));
            }
            String key = assignment.substring(0, equals).trim();
            String value = assignment.substring(equals + 1);
            int dot = key.lastIndexOf('.');
            if (dot >= 0) {
                String solver = key.substring(0, dot);
                String option = key.substring(dot + 1);
                if (!Solvers.names().contains(solver)) {
                    throw new InputException("--param %s: %s".formatted(assignment, Solvers.unknown(solver).getMessage()));
                }
                requireRun(solver, solverNames, "--param " + assignment);
                bySolver.get(solver).put(option, value);
                continue;
            }
            List<String> takers = new ArrayList<>();
            for (PlanSolver solver : solvers.values()) {
                if (solver.options().stream().anyMatch(o -> o.name().equals(key))) {
                    takers.add(solver.name());
                }
            }
            if (takers.isEmpty() && solvers.size() == 1) {
                takers.add(solverNames.get(0)); // the solver's own check names the option and hints at its options
            }
            if (takers.isEmpty()) {
                throw noTaker(assignment, key, solvers.values());
            }
            takers.forEach(solver -> bySolver.get(solver).put(key, value));
        }
        for (Map.Entry<String, Map<String, String>> entry : bySolver.entrySet()) {
            Solvers.checkOptions(entry.getKey(), settings.withParameters(entry.getValue()));
        }
        return bySolver;
    }

    /** One solver's options from {@code assignments} (see {@link #distribute}). */
    public static Map<String, String> forSolver(List<String> assignments, String solverName, SolveSettings settings) {
        return distribute(assignments, List.of(solverName), Map.of(), settings).get(solverName);
    }

    private static void requireRun(String solver, List<String> solverNames, String what) {
        if (!solverNames.contains(solver)) {
            throw new InputException("%s: solver %s is not part of this run (solvers: %s). Maybe add it to the solvers, or drop the option?"
                    .formatted(what, solver, String.join(", ", solverNames)));
        }
    }

    private static InputException noTaker(String assignment, String key, Iterable<PlanSolver> solvers) {
        Set<String> declared = new LinkedHashSet<>();
        List<String> names = new ArrayList<>();
        for (PlanSolver solver : solvers) {
            names.add(solver.name());
            solver.options().stream().map(SolverOption::name).forEach(declared::add);
        }
        List<String> elsewhere = new ArrayList<>();
        for (PlanSolver other : Solvers.all()) {
            if (other.options().stream().anyMatch(o -> o.name().equals(key))) {
                elsewhere.add(other.name());
            }
        }
        String hint = Spelling.closest(key, declared);
        return new InputException("--param %s: no solver of this run (%s) takes option '%s'%s.%s".formatted(assignment,
                String.join(", ", names), key, elsewhere.isEmpty() ? "" : " (it is an option of " + String.join(", ", elsewhere) + ")",
                hint != null ? " Maybe you meant '" + hint + "'?" : " Maybe see 'planner solvers'?"));
    }
}
