package org.carbonaware.planner.formulation;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.carbonaware.planner.common.InputException;
import org.carbonaware.planner.common.Spelling;
import org.carbonaware.planner.formulation.baseline.CarbonScalerSolver;
import org.carbonaware.planner.formulation.baseline.DoubleThresholdSolver;
import org.carbonaware.planner.formulation.baseline.DpOnlySolver;
import org.carbonaware.planner.formulation.baseline.FixedFastestCapSolver;
import org.carbonaware.planner.formulation.baseline.FixedFastestSolver;
import org.carbonaware.planner.formulation.baseline.ReactiveSolver;
import org.carbonaware.planner.formulation.baseline.ShiftSolver;
import org.carbonaware.planner.formulation.baseline.SiteAloneSolver;
import org.carbonaware.planner.formulation.baseline.ThresholdSolver;
import org.carbonaware.planner.formulation.cpsat.CpSatSolver;
import org.carbonaware.planner.formulation.decompose.DecomposeSolver;
import org.carbonaware.planner.formulation.label.LabelSolver;
import org.carbonaware.planner.formulation.mip.MipSolver;
import org.carbonaware.planner.formulation.timefold.TimefoldSolver;
import org.carbonaware.planner.solve.PlanSolver;
import org.carbonaware.planner.solve.SolveSettings;
import org.carbonaware.planner.solve.SolverOptions;

/**
 * The solvers users can name with {@code --solver}, in the order they are listed. Each describes itself (name,
 * version, summary, declared options); composite ones get their parts from here ({@code dp-only} its exact solver, {@code decompose} the solver of its restricted instance).
 */
public final class Solvers {

    private static final Map<String, Supplier<PlanSolver>> REGISTRY = new LinkedHashMap<>();

    static {
        REGISTRY.put(CpSatSolver.NAME, () -> new CpSatSolver(seedSolvers()));
        REGISTRY.put(MipSolver.NAME, () -> new MipSolver(seedSolvers()));
        REGISTRY.put(LabelSolver.NAME, () -> new LabelSolver(seedSolvers()));
        REGISTRY.put(TimefoldSolver.NAME, () -> new TimefoldSolver(seedSolvers()));
        REGISTRY.put(DecomposeSolver.NAME, () -> new DecomposeSolver(Solvers::create));
        REGISTRY.put(FixedFastestSolver.NAME, FixedFastestSolver::new);
        REGISTRY.put(FixedFastestCapSolver.NAME, FixedFastestCapSolver::new);
        REGISTRY.put(DpOnlySolver.NAME, () -> new DpOnlySolver(create(CpSatSolver.NAME)));
        REGISTRY.put(ThresholdSolver.NAME, ThresholdSolver::new);
        REGISTRY.put(ShiftSolver.NAME, ShiftSolver::new);
        REGISTRY.put(CarbonScalerSolver.NAME, CarbonScalerSolver::new);
        REGISTRY.put(DoubleThresholdSolver.NAME, DoubleThresholdSolver::new);
        REGISTRY.put(SiteAloneSolver.NAME, SiteAloneSolver::new);
        REGISTRY.put(ReactiveSolver.NAME, ReactiveSolver::new);
    }

    private Solvers() {
    }

    /**
     * The cheap baselines (milliseconds each) whose best plan every exact solve starts from, so it is never worse
     * than any of them; dp-only is left out, it runs an exact solve itself.
     */
    static List<PlanSolver> seedSolvers() {
        return List.of(new FixedFastestSolver(), new ThresholdSolver(), new ShiftSolver(), new CarbonScalerSolver(),
                new DoubleThresholdSolver());
    }

    public static List<String> names() {
        return List.copyOf(REGISTRY.keySet());
    }

    /** A new instance of the named solver. */
    public static PlanSolver create(String name) {
        Supplier<PlanSolver> supplier = REGISTRY.get(name);
        if (supplier == null) {
            throw unknown(name);
        }
        return supplier.get();
    }

    /** Every registered solver, in listing order (for descriptions; solvers hold no state between solves). */
    public static List<PlanSolver> all() {
        List<PlanSolver> solvers = new ArrayList<>();
        for (Supplier<PlanSolver> supplier : REGISTRY.values()) {
            solvers.add(supplier.get());
        }
        return solvers;
    }

    /** The error for a name that is not registered, with a spelling hint. */
    public static InputException unknown(String name) {
        String hint = Spelling.closest(String.valueOf(name), REGISTRY.keySet());
        return new InputException("unknown solver '%s'; choose one of %s.%s".formatted(name, String.join(", ", names()),
                hint != null ? " Maybe you meant '" + hint + "'?" : " Maybe see 'planner solvers'?"));
    }

    /**
     * Checks the options in {@code settings} against the named solver's declarations (see {@link SolverOptions#check}).
     *
     * @return the effective value of every option the solver declares, in declared order
     */
    public static Map<String, Object> checkOptions(String name, SolveSettings settings) {
        return SolverOptions.check(create(name), settings, all());
    }

    /** For picocli's completion candidates. */
    public static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return new ArrayList<>(names()).iterator();
        }
    }
}
