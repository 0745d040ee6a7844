package org.carbonaware.planner.rolling;

import org.carbonaware.planner.forecast.Forecaster;
import org.carbonaware.planner.solve.PlanSolver;
import org.carbonaware.planner.solve.SolveSettings;

/**
 * One rolling-horizon run and its references, all executed on the actual trace: the perfect-foresight optimum
 * (oracle), the plan made once on the first forecast and never revised, and fixed-fastest. Each is a
 * {@link RollingHorizon} run: the oracle and fixed-fastest with a perfect forecast, the plan-once with one re-plan.
 */
public record RollingComparison(Simulation rolling, Simulation oracle, Simulation planOnce, Simulation fixedFastest) {

    /** Each solver with its own settings (its options differ). */
    public static RollingComparison run(Forecaster forecaster, PlanSolver solver, SolveSettings settings,
            PlanSolver oracleSolver, SolveSettings oracleSettings, PlanSolver fixedFastestSolver, SolveSettings fixedFastestSettings,
            int replanEpochs) {
        int all = forecaster.actual().epochCount();
        Forecaster perfect = Forecaster.perfect(forecaster.actual());
        return new RollingComparison(
                RollingHorizon.run(forecaster, solver, settings, replanEpochs),
                RollingHorizon.run(perfect, oracleSolver, oracleSettings, all),
                RollingHorizon.run(forecaster, solver, settings, all),
                RollingHorizon.run(perfect, fixedFastestSolver, fixedFastestSettings, all));
    }

    /** Rolling minus oracle, kg. */
    public double regretKg() {
        return rolling.totalKg() - oracle.totalKg();
    }

    /** The oracle's saving over fixed-fastest, kg. */
    public double oracleSavingKg() {
        return fixedFastest.totalKg() - oracle.totalKg();
    }

    /**
     * Regret as a share of the oracle's saving over fixed-fastest: 0 = as good as perfect foresight, 1 = no better
     * than not shifting at all; NaN when the oracle saves nothing.
     */
    public double regretShare() {
        double saving = oracleSavingKg();
        return saving > 1e-9 * Math.abs(fixedFastest.totalKg()) ? regretKg() / saving : Double.NaN;
    }
}
