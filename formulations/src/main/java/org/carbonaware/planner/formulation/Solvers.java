package org.carbonaware.planner.formulation;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.carbonaware.planner.formulation.baseline.CarbonScalerSolver;
import org.carbonaware.planner.formulation.baseline.DoubleThresholdSolver;
import org.carbonaware.planner.formulation.baseline.DpOnlySolver;
import org.carbonaware.planner.formulation.baseline.FixedFastestSolver;
import org.carbonaware.planner.formulation.baseline.ShiftSolver;
import org.carbonaware.planner.formulation.baseline.ThresholdSolver;
import org.carbonaware.planner.formulation.cpsat.CpSatSolver;
import org.carbonaware.planner.formulation.label.LabelSolver;
import org.carbonaware.planner.formulation.mip.MipSolver;
import org.carbonaware.planner.formulation.timefold.TimefoldSolver;
import org.carbonaware.planner.solve.PlanSolver;
import org.carbonaware.planner.formulation.ortools.OrTools;

/** The solvers users can name with {@code --solver}, in the order they are listed. */
public final class Solvers {

    private static final Map<String, Supplier<PlanSolver>> REGISTRY = new LinkedHashMap<>();

    static {
        REGISTRY.put(CpSatSolver.NAME, CpSatSolver::new);
        REGISTRY.put(MipSolver.NAME, MipSolver::new);
        REGISTRY.put(LabelSolver.NAME, LabelSolver::new);
        REGISTRY.put(TimefoldSolver.NAME, TimefoldSolver::new);
        REGISTRY.put(FixedFastestSolver.NAME, FixedFastestSolver::new);
        REGISTRY.put(DpOnlySolver.NAME, DpOnlySolver::new);
        REGISTRY.put(ThresholdSolver.NAME, ThresholdSolver::new);
        REGISTRY.put(ShiftSolver.NAME, ShiftSolver::new);
        REGISTRY.put(CarbonScalerSolver.NAME, CarbonScalerSolver::new);
        REGISTRY.put(DoubleThresholdSolver.NAME, DoubleThresholdSolver::new);
    }

    private Solvers() {
    }

    public static List<String> names() {
        return List.copyOf(REGISTRY.keySet());
    }

    public static PlanSolver create(String name) {
        Supplier<PlanSolver> supplier = REGISTRY.get(name);
        if (supplier == null) {
            throw new IllegalArgumentException("unknown solver '%s'; choose one of %s".formatted(name, names()));
        }
        return supplier.get();
    }

    /** The version string a solver's results carry. */
    public static String version(String name) {
        return switch (name) {
            case CpSatSolver.NAME, MipSolver.NAME, DpOnlySolver.NAME -> OrTools.version();
            case TimefoldSolver.NAME -> TimefoldSolver.version();
            default -> "planner";
        };
    }

    /** For picocli's completion candidates. */
    public static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return new ArrayList<>(names()).iterator();
        }
    }
}
