package org.carbonaware.planner.formulation.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.carbonaware.planner.domain.Plan;
import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.solve.Deadline;
import org.carbonaware.planner.solve.PlanSolver;
import org.carbonaware.planner.solve.SolveResult;
import org.carbonaware.planner.solve.SolveSettings;
import org.carbonaware.planner.solve.SolverOption;

/**
 * Plans of cheap solvers (the baselines, milliseconds each) that an exact solve starts from: the best one joins the
 * presolve's incumbent, so the exact result is never worse than any of them, whatever the time limit.
 */
public final class SeedPlans {

    public static final SolverOption<String> SEEDS = SolverOption.choice("seeds",
            "baselines: start from the best plan of the cheap baselines, so the result is never worse than any of them; none: do not",
            "baselines", "none");
    /** Share of the time limit the seed solvers may use together; later ones are skipped once it is spent. */
    static final double TIME_SHARE = 0.05;

    /**
     * The best seed.
     *
     * @param solver who found it
     * @param failures seed solvers that failed, with their messages (recorded, never hidden)
     */
    public record Seed(String solver, Plan plan, double grams, List<String> failures) {
    }

    private SeedPlans() {
    }

    /**
     * Runs the seed solvers on the problem (with no options) until their time share is spent and keeps the cheapest
     * plan that stays on the graph's allowed states and reaches the workload; null when there is none.
     */
    public static Seed best(StateGraph graph, List<PlanSolver> solvers, SolveSettings settings, Deadline deadline) {
        Problem problem = graph.problem();
        SolveSettings plain = settings.withParameters(Map.of());
        long stopAt = deadline.nanosAtFraction(TIME_SHARE);
        Seed best = null;
        List<String> failures = new ArrayList<>();
        for (PlanSolver solver : solvers) {
            if (System.nanoTime() - stopAt > 0) {
                break;
            }
            if (solver.unsupported(problem) != null) {
                continue; // a policy that does not plan this kind of problem (for example one site's family) is no seed
            }
            SolveResult result;
            try {
                result = solver.solve(problem, plain);
            } catch (RuntimeException e) {
                failures.add(solver.name() + ": " + e.getMessage());
                continue;
            }
            Plan plan = result.plan();
            if (plan == null || !result.status().hasPlan() || !usable(graph, plan)) {
                continue;
            }
            double grams = PlanImprover.grams(graph, plan);
            if (best == null || grams < best.grams()) {
                best = new Seed(solver.name(), plan, grams, failures);
            }
        }
        return best == null && failures.isEmpty() ? null
                : best == null ? new Seed(null, null, Double.POSITIVE_INFINITY, List.copyOf(failures))
                : new Seed(best.solver(), best.plan(), best.grams(), List.copyOf(failures));
    }

    /** The plan has the graph's epochs, uses only arcs the graph allows (states, round boundaries) and reaches the workload. */
    static boolean usable(StateGraph graph, Plan plan) {
        if (plan.epochCount() != graph.epochCount()) {
            return false;
        }
        int[] nodes = new int[plan.epochCount()];
        int previous = graph.initialNode();
        for (int t = 0; t < nodes.length; t++) {
            nodes[t] = StateGraph.node(plan.state(t));
            if (nodes[t] < 0 || nodes[t] >= graph.nodeCount() || !graph.arcAllowed(t, previous, nodes[t])) {
                return false;
            }
            previous = nodes[t];
        }
        // Exactly, as the presolve counts: a plan short by rounding noise could make the reduction cut every plan.
        return PlanImprover.tokens(graph, nodes) >= graph.workloadTokens();
    }
}
