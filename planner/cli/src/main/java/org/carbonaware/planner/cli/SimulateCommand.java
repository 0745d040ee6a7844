package org.carbonaware.planner.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.carbonaware.planner.app.ExitCodes;
import org.carbonaware.planner.app.PlanRunner;
import org.carbonaware.planner.app.RollingRunner;
import org.carbonaware.planner.app.SolverParameters;
import org.carbonaware.planner.common.AtomicFiles;
import org.carbonaware.planner.common.Csv;
import org.carbonaware.planner.common.InputException;
import org.carbonaware.planner.common.JsonFields;
import org.carbonaware.planner.domain.CarbonIntensitySource;
import org.carbonaware.planner.domain.Forecast;
import org.carbonaware.planner.domain.Instance;
import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.domain.Site;
import org.carbonaware.planner.formulation.Solvers;
import org.carbonaware.planner.formulation.baseline.FixedFastestSolver;
import org.carbonaware.planner.forecast.Forecaster;
import org.carbonaware.planner.io.ForecastFields;
import org.carbonaware.planner.io.InstanceReader;
import org.carbonaware.planner.io.SolutionFile;
import org.carbonaware.planner.rolling.Replan;
import org.carbonaware.planner.rolling.RollingComparison;
import org.carbonaware.planner.rolling.Simulation;
import org.carbonaware.planner.solve.PlanSolver;
import org.carbonaware.planner.solve.SolveResult;
import org.carbonaware.planner.solve.SolveSettings;
import org.carbonaware.planner.trace.CarbonTrace;
import org.carbonaware.planner.trace.CarbonTraceReader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code planner simulate}: plan on the forecast known at each decision time, commit the next interval, re-plan as
 * actuals arrive; score the executed plan on the actual trace against the oracle, the plan made once on the first
 * forecast and fixed-fastest.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Rolling horizon: re-plan every HOURS on the latest forecast (fallback beyond its horizon), commit, advance; "
                + "the executed plan is scored on the actual trace and compared with the perfect-foresight oracle, "
                + "the plan made once on the first forecast, and fixed-fastest.",
                "Writes the executed plan as an ordinary solution (planner validate accepts it), "
                        + "<name>.replans.csv (one row per re-plan) and <name>.summary.json."})
public final class SimulateCommand implements Callable<Integer> {

    static final List<String> REPLAN_COLUMNS = List.of("replan", "epoch", "decisionTime", "forecastIssuedAt", "forecastEpochs",
            "fallbackEpochs", "initialState", "remainingTokens", "slackHours", "status", "solveSeconds", "keptPreviousPlan",
            "committedEpochs", "plannedWindowKg", "realisedWindowKg", "plannedRemainingKg", "forecastMeanGramsPerKwh",
            "actualMeanGramsPerKwh", "forecastMeanAbsoluteError");

    private static final JsonMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    @Parameters(index = "0", paramLabel = "INSTANCE", description = "Instance JSON file (with a \"forecast\", or give --forecast).")
    Path instanceFile;

    @CommandLine.Option(names = "--replan-every", required = true, paramLabel = "HOURS",
            description = "Hours between re-plans; a whole number of epochs.")
    double replanEveryHours;

    @CommandLine.Mixin
    SolveOptions solve;

    @CommandLine.Option(names = "--oracle-solver", defaultValue = "cpsat", paramLabel = "NAME",
            description = "Solver of the perfect-foresight reference; an exact one (default: ${DEFAULT-VALUE}).")
    String oracleSolver;

    @CommandLine.Option(names = "--forecast", paramLabel = "TYPE[:KEY=VALUE,...]",
            description = "Forecast instead of the instance's: column, vintages, synthetic or actual, with the fields of the "
                    + "instance's \"forecast\" block, e.g. synthetic:seed=2,sigmaAt24h=0.2 or vintages:file=f.csv "
                    + "(files relative to the current directory).")
    String forecastSpec;

    @CommandLine.Option(names = "--fallback", paramLabel = "NAME",
            description = "Fallback beyond the forecast's horizon: seasonal-daily (default), seasonal-weekly or trailing-mean.")
    String fallback;

    @CommandLine.Option(names = "--out", paramLabel = "FILE",
            description = "Solution JSON of the executed plan (default: solutions/<instance>-simulate-<solver>-<HOURS>h.json); "
                    + "the per-epoch CSV, .replans.csv and .summary.json go beside it.")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        String solver = solve.solver("cpsat");
        if (!Solvers.names().contains(oracleSolver)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--oracle-solver: " + Solvers.unknown(oracleSolver).getMessage());
        }
        List<String> run = List.copyOf(new LinkedHashSet<>(List.of(solver, oracleSolver, FixedFastestSolver.NAME)));
        SolveSettings base = new SolveSettings(solve.timeLimitSeconds(), solve.workers(), solve.seed(), Map.of());
        Map<String, Map<String, String>> options = SolverParameters.distribute(solve.parameterAssignments(), run, Map.of(), base);
        if (out != null && java.nio.file.Files.isDirectory(out)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--out %s is a directory; it names the solution JSON file. Maybe --out %s?".formatted(out, out.resolve("simulation.json")));
        }
        Instance instance = InstanceReader.read(instanceFile);
        int replanEpochs = RollingRunner.replanEpochs(replanEveryHours, instance, instanceFile.toString());
        List<Forecast> forecasts = new java.util.ArrayList<>();
        for (Site site : instance.siteList()) {
            Forecast forecast = forecastSpec != null ? parseForecast(forecastSpec, site.carbonIntensity()) : site.carbonIntensity().forecast();
            if (forecast != null && fallback != null) {
                forecast = new Forecast(forecast.source(), ForecastFields.fallback(fallback, "--fallback"), forecast.trailingHours(),
                        forecast.signal());
            }
            forecasts.add(forecast);
        }
        List<CarbonTrace> traces = RollingRunner.traces(instance);
        Problem actual = InstanceReader.resolve(instance, traces);
        Forecaster forecaster = RollingRunner.forecaster(actual, traces, forecasts, replanEpochs);

        PlanSolver rollingSolver = Solvers.create(solver);
        PlanSolver oracle = Solvers.create(oracleSolver);
        // The first re-plan and the oracle plan the whole horizon: refuse before either allocates what cannot fit.
        PlanRunner.requireHeap(actual, rollingSolver, base.withParameters(options.get(solver)));
        PlanRunner.requireHeap(actual, oracle, base.withParameters(options.get(oracleSolver)));
        RollingComparison comparison = RollingComparison.run(forecaster, rollingSolver, base.withParameters(options.get(solver)),
                oracle, base.withParameters(options.get(oracleSolver)),
                Solvers.create(FixedFastestSolver.NAME), base.withParameters(options.get(FixedFastestSolver.NAME)), replanEpochs);
        Simulation rolling = comparison.rolling();
        PrintWriter err = spec.commandLine().getErr();
        if (!rolling.hasPlan()) {
            err.println("planner: infeasible: " + rolling.message());
            return ExitCodes.INFEASIBLE_OR_INVALID;
        }
        Path target = out != null ? out : Path.of("solutions", "%s-simulate-%s-%sh.json".formatted(actual.name(), solver,
                JsonNumber.format(replanEveryHours)));
        SolveResult result = RollingRunner.outcome(rolling, forecaster, rollingSolver, base.withParameters(options.get(solver)),
                replanEveryHours).result();
        // One group: the solution JSON is renamed last, so it marks a complete simulation; a failure leaves nothing.
        Map<Path, byte[]> files = new LinkedHashMap<>();
        files.put(SolutionFile.csvPath(target), SolutionFile.toCsv(actual, rolling.evaluation()).getBytes(StandardCharsets.UTF_8));
        files.put(sibling(target, ".replans.csv"), replansCsv(actual, rolling).getBytes(StandardCharsets.UTF_8));
        files.put(sibling(target, ".summary.json"), summaryJson(actual, forecaster, comparison, solver).getBytes(StandardCharsets.UTF_8));
        files.put(target, SolutionFile.toJsonText(actual, result, rolling.evaluation()).getBytes(StandardCharsets.UTF_8));
        AtomicFiles.writeAll(files);
        spec.commandLine().getOut().println(summaryLine(actual, forecaster, comparison, solver));
        err.println("planner: wrote %s, %s, %s and %s".formatted(target, SolutionFile.csvPath(target),
                sibling(target, ".replans.csv"), sibling(target, ".summary.json")));
        return ExitCodes.OK;
    }

    /** {@code TYPE[:KEY=VALUE,...]} read as the instance's forecast block (numbers as numbers). */
    static Forecast parseForecast(String text, CarbonIntensitySource source) {
        ObjectNode node = MAPPER.createObjectNode();
        int colon = text.indexOf(':');
        node.put("type", (colon < 0 ? text : text.substring(0, colon)).strip());
        if (colon >= 0) {
            for (String pair : text.substring(colon + 1).split(",")) {
                if (pair.isBlank()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                if (equals <= 0) {
                    throw new InputException("--forecast: \"%s\" is not KEY=VALUE. Maybe --forecast synthetic:seed=2,sigmaAt24h=0.2?".formatted(pair.strip()));
                }
                String key = pair.substring(0, equals).strip();
                String value = pair.substring(equals + 1).strip();
                try {
                    node.put(key, new java.math.BigDecimal(value));
                } catch (NumberFormatException e) {
                    node.put(key, value);
                }
            }
        }
        return ForecastFields.parse(new JsonFields("--forecast", "", node), Path.of("").toAbsolutePath(), source.file(), source.signal());
    }

    static Path sibling(Path jsonPath, String suffix) {
        String fileName = jsonPath.getFileName().toString();
        String stem = fileName.endsWith(".json") ? fileName.substring(0, fileName.length() - 5) : fileName;
        return jsonPath.resolveSibling(stem + suffix);
    }

    private String summaryJson(Problem actual, Forecaster forecaster, RollingComparison comparison, String solver) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("instance", actual.name());
        root.put("signal", actual.instance().signalLabel());
        root.put("start", actual.instance().start().toString());
        root.put("deadlineHours", actual.instance().deadlineHours());
        root.put("epochMinutes", actual.epochMinutes());
        root.put("solver", solver);
        root.put("oracleSolver", oracleSolver);
        root.put("replanEveryHours", replanEveryHours);
        root.put("forecastType", types(forecaster));
        root.put("forecast", forecaster.describe());
        root.put("fallback", fallbacks(forecaster));
        putNumber(root, "rollingKg", comparison.rolling().totalKg());
        putNumber(root, "oracleKg", comparison.oracle().totalKg());
        putNumber(root, "planOnceKg", comparison.planOnce().totalKg());
        putNumber(root, "fixedFastestKg", comparison.fixedFastest().totalKg());
        putNumber(root, "regretKg", comparison.regretKg());
        putNumber(root, "regretShareOfSaving", comparison.regretShare());
        putNumber(root, "planOnceRegretShareOfSaving", planOnceRegretShare(comparison));
        root.put("timeLimitSeconds", solve.timeLimitSeconds());
        root.put("workers", solve.workers());
        root.put("replans", comparison.rolling().replanList().size());
        root.put("rollingReconfigurations", comparison.rolling().evaluation().reconfigurations());
        root.put("oracleReconfigurations", comparison.oracle().evaluation().reconfigurations());
        root.put("keptPreviousPlans", comparison.rolling().replanList().stream().filter(Replan::keptPreviousPlan).count());
        putNumber(root, "minSlackHours", comparison.rolling().minSlackHours());
        putNumber(root, "finishHours", comparison.rolling().evaluation().finishHours());
        putNumber(root, "rollingSolveSeconds", comparison.rolling().solveSeconds());
        putNumber(root, "forecastMeanAbsoluteError", meanAbsoluteError(comparison.rolling()));
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double planOnceRegretShare(RollingComparison comparison) {
        double saving = comparison.oracleSavingKg();
        double regret = comparison.planOnce().totalKg() - comparison.oracle().totalKg();
        return saving > 1e-9 * Math.abs(comparison.fixedFastest().totalKg()) ? regret / saving : Double.NaN;
    }

    /** The sites' forecast types, distinct, joined by '+'. */
    private static String types(Forecaster forecaster) {
        return String.join("+", forecaster.siteList().stream().map(f -> f.forecast().source().type()).distinct().toList());
    }

    private static String fallbacks(Forecaster forecaster) {
        return String.join("+", forecaster.siteList().stream().map(f -> f.forecast().fallback().label()).distinct().toList());
    }

    /** Mean |forecast - actual| over every committed epoch, gCO2eq/kWh. */
    private static double meanAbsoluteError(Simulation simulation) {
        double sum = 0;
        int epochs = 0;
        for (Replan replan : simulation.replanList()) {
            sum += replan.forecastMeanAbsoluteError() * replan.committedEpochs();
            epochs += replan.committedEpochs();
        }
        return epochs == 0 ? Double.NaN : sum / epochs;
    }

    private static void putNumber(ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) {
            node.put(field, value);
        } else {
            node.putNull(field);
        }
    }

    private String summaryLine(Problem actual, Forecaster forecaster, RollingComparison comparison, String solver) {
        return String.format(Locale.ROOT,
                "instance=%s signal=%s solver=%s replanEveryHours=%s forecast=%s fallback=%s replans=%d rollingKg=%.3f oracleKg=%.3f "
                        + "planOnceKg=%.3f fixedFastestKg=%.3f regretKg=%.3f regretShare=%s minSlackHours=%.2f solveSeconds=%.3f",
                actual.name(), actual.instance().signalLabel(), solver, JsonNumber.format(replanEveryHours),
                types(forecaster), fallbacks(forecaster), comparison.rolling().replanList().size(),
                comparison.rolling().totalKg(), comparison.oracle().totalKg(), comparison.planOnce().totalKg(),
                comparison.fixedFastest().totalKg(), comparison.regretKg(), JsonNumber.formatPercent(comparison.regretShare()),
                comparison.rolling().minSlackHours(), comparison.rolling().solveSeconds());
    }

    static String replansCsv(Problem actual, Simulation simulation) {
        List<List<Object>> rows = new java.util.ArrayList<>();
        for (Replan r : simulation.replanList()) {
            rows.add(List.of(r.index(), r.epoch(), r.decisionTime(), r.forecastIssuedAt() == null ? "" : r.forecastIssuedAt(),
                    r.forecastEpochs(), r.fallbackEpochs(),
                    r.initialState() == Problem.PAUSED ? "pause" : actual.stateLabel(r.initialState()),
                    number(r.remainingTokens()), number(r.slackHours()), r.status(), number(r.solveSeconds()),
                    r.keptPreviousPlan(), r.committedEpochs(), number(r.plannedWindowKg()), number(r.realisedWindowKg()),
                    number(r.plannedRemainingKg()), number(r.forecastMeanGramsPerKwh()), number(r.actualMeanGramsPerKwh()),
                    number(r.forecastMeanAbsoluteError())));
        }
        return Csv.format(REPLAN_COLUMNS, rows);
    }

    /** Eight significant digits; empty for NaN. */
    private static String number(double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.8g", value).trim();
    }
}
