package org.carbonaware.planner.app;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.carbonaware.planner.common.InputException;
import org.carbonaware.planner.common.JsonFields;
import org.carbonaware.planner.domain.Forecast;
import org.carbonaware.planner.domain.Instance;
import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.domain.Site;
import org.carbonaware.planner.forecast.Forecaster;
import org.carbonaware.planner.rolling.Replan;
import org.carbonaware.planner.rolling.RollingHorizon;
import org.carbonaware.planner.rolling.Simulation;
import org.carbonaware.planner.solve.PlanSolver;
import org.carbonaware.planner.solve.SolveResult;
import org.carbonaware.planner.solve.SolveSettings;
import org.carbonaware.planner.solve.SolveStatus;
import org.carbonaware.planner.solve.SolverOptions;
import org.carbonaware.planner.trace.CarbonTrace;
import org.carbonaware.planner.trace.CarbonTraceReader;

/**
 * The rolling-horizon counterpart of {@link PlanRunner}, shared by {@code simulate} and the benchmark cells: checks
 * the re-plan interval and the forecast, runs the simulation and returns the executed plan, validated on the actual
 * trace, as an ordinary outcome.
 */
public final class RollingRunner {

    private RollingRunner() {
    }

    /** Epochs per re-plan interval; an interval that is not a positive whole number of epochs is bad input. */
    public static int replanEpochs(double replanEveryHours, Instance instance, String where) {
        double epochs = replanEveryHours * 60 / instance.epochMinutes();
        if (!(replanEveryHours > 0) || Math.abs(epochs - Math.rint(epochs)) > 1e-9 || Math.rint(epochs) < 1) {
            throw new InputException("--replan-every: %s h is not a positive whole number of the %d-minute epochs of %s. Maybe --replan-every %s?"
                    .formatted(JsonFields.format(replanEveryHours), instance.epochMinutes(), where,
                            JsonFields.format(Math.max(1, Math.rint(epochs)) * instance.epochMinutes() / 60.0)));
        }
        return (int) Math.rint(epochs);
    }

    /**
     * The actual trace of every site, read once (the fallback needs their history before the start).
     */
    public static List<CarbonTrace> traces(Instance instance) {
        List<CarbonTrace> traces = new ArrayList<>();
        for (Site site : instance.siteList()) {
            traces.add(CarbonTraceReader.read(site.carbonIntensity().file(), site.carbonIntensity().column()));
        }
        return traces;
    }

    /**
     * The forecaster of every site on the actual problem, checked to cover the first re-plan interval.
     *
     * @param forecasts per site, the forecast to use, or null for the site's own ({@code forecast} of the instance)
     */
    public static Forecaster forecaster(Problem actual, List<CarbonTrace> actualTraces, List<Forecast> forecasts, int replanEpochs) {
        Instance instance = actual.instance();
        Object file = instance.sourceFile() == null ? instance.name() : instance.sourceFile();
        if (instance.signalLabel().equals("mixed")) {
            throw new InputException("%s: the sites' traces mix the average and the marginal signal; their grams cannot be added or compared. Maybe give every site a trace of one signal?"
                    .formatted(file));
        }
        List<Forecast> used = new ArrayList<>();
        for (int s = 0; s < instance.siteCount(); s++) {
            Forecast forecast = forecasts != null && forecasts.get(s) != null ? forecasts.get(s) : instance.site(s).carbonIntensity().forecast();
            if (forecast == null) {
                throw new InputException("%s: field '%sforecast': missing; a rolling horizon plans on a forecast. Maybe add \"forecast\": {\"type\": \"synthetic\"} or pass --forecast synthetic?"
                        .formatted(file, instance.siteCount() == 1 ? "" : "sites[" + s + "]."));
            }
            used.add(forecast);
        }
        Forecaster forecaster = Forecaster.open(actual, actualTraces, used);
        RollingHorizon.requireCoveredFirstInterval(forecaster, replanEpochs);
        return forecaster;
    }

    /**
     * Runs the rolling horizon and returns the executed plan as a result: status FEASIBLE (no optimality claim on
     * the actual trace), no bound, the solves' total time, and the run's figures in {@code statistics.rolling}.
     */
    public static PlanRunner.Outcome run(Forecaster forecaster, PlanSolver solver, SolveSettings settings, int replanEpochs,
            double replanEveryHours) {
        // The first re-plan covers the whole horizon: the largest problem of the run.
        PlanRunner.requireHeap(forecaster.actual(), solver, settings);
        return outcome(RollingHorizon.run(forecaster, solver, settings, replanEpochs), forecaster, solver, settings, replanEveryHours);
    }

    /** A finished simulation as an outcome (see {@link #run}). */
    public static PlanRunner.Outcome outcome(Simulation simulation, Forecaster forecaster, PlanSolver solver, SolveSettings settings,
            double replanEveryHours) {
        Map<String, Object> options = SolverOptions.effective(solver, settings);
        if (!simulation.hasPlan()) {
            return new PlanRunner.Outcome(new SolveResult(solver.name(), solver.version(), SolveStatus.INFEASIBLE, null, Double.NaN,
                    Double.NaN, simulation.solveSeconds(), Double.NaN, settings.effectiveWorkers(), settings.seed(),
                    simulation.message(), null, options), null);
        }
        SolveResult result = new SolveResult(solver.name(), solver.version(), SolveStatus.FEASIBLE, simulation.plan(),
                simulation.totalKg(), Double.NaN, simulation.solveSeconds(), Double.NaN, settings.effectiveWorkers(), settings.seed(),
                "rolling horizon: %d re-plans every %s h on %s".formatted(simulation.replanList().size(),
                        JsonFields.format(replanEveryHours), forecaster.describe()),
                Map.of("rolling", statistics(simulation, forecaster, replanEveryHours)), options);
        return new PlanRunner.Outcome(result, simulation.evaluation());
    }

    static Map<String, Object> statistics(Simulation simulation, Forecaster forecaster, double replanEveryHours) {
        Map<String, Object> statistics = new LinkedHashMap<>();
        statistics.put("replanEveryHours", replanEveryHours);
        statistics.put("replans", simulation.replanList().size());
        statistics.put("keptPreviousPlans", simulation.replanList().stream().filter(Replan::keptPreviousPlan).count());
        statistics.put("forecast", forecaster.describe());
        statistics.put("signal", forecaster.actual().instance().signalLabel());
        statistics.put("minSlackHours", simulation.minSlackHours());
        return statistics;
    }
}
