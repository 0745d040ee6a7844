package org.carbonaware.planner.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.carbonaware.planner.app.ExitCodes;
import org.carbonaware.planner.app.PlanRunner;
import org.carbonaware.planner.app.PlanRunner.Outcome;
import org.carbonaware.planner.app.SolverParameters;
import org.carbonaware.planner.domain.Instance;
import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.formulation.Solvers;
import org.carbonaware.planner.formulation.baseline.FixedFastestSolver;
import org.carbonaware.planner.common.AtomicFiles;
import org.carbonaware.planner.common.InputException;
import org.carbonaware.planner.io.InstanceReader;
import org.carbonaware.planner.solve.SolveSettings;
import org.carbonaware.planner.trace.CarbonTrace;
import org.carbonaware.planner.trace.CarbonTraceReader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code planner sweep}: re-runs one instance over start times, traces (regions) and deadline slacks with several
 * solvers. Every cell's validated result is appended to {@code sweep.csv} as it completes, so a rerun into the same
 * folder skips finished cells; {@code summary.csv} is then rebuilt from {@code sweep.csv}.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Re-run an instance over start times, traces and deadline slacks; writes DIR/sweep.csv and DIR/summary.csv.")
public final class SweepCommand implements Callable<Integer> {

    static final List<String> COLUMNS = List.of("solver", "trace", "start", "slack", "switchCosts", "deadlineHours", "status",
            "objectiveKg", "finishHours", "slowdown", "reductionVsFixedFastest", "tokensPerKg", "reconfigurations", "solveSeconds");
    static final String HEADER = String.join(",", COLUMNS);

    @Parameters(index = "0", paramLabel = "INSTANCE", description = "Instance JSON file.")
    Path instanceFile;

    @CommandLine.Option(names = "--start-every", required = true, paramLabel = "HOURS", description = "Hours between start times.")
    double startEveryHours;

    @CommandLine.Option(names = "--count", required = true, paramLabel = "N", description = "Number of start times.")
    int count;

    @CommandLine.Option(names = "--first-start", paramLabel = "INSTANT",
            description = "First start time, ISO-8601 (default: the instance's start).")
    String firstStart;

    @CommandLine.Option(names = "--trace", paramLabel = "FILE", arity = "1..*",
            description = "Carbon-intensity traces (regions) to run on instead of the instance's own; repeatable. "
                    + "Uses the instance's column when the trace has it, else the second column.")
    List<Path> traces = new ArrayList<>();

    @CommandLine.Option(names = "--slack", paramLabel = "S,...",
            description = "Deadline slacks: deadlineHours = (1+S) × the fastest option's hours for the workload incl. one resume, "
                    + "rounded up to a whole epoch (default: keep the instance's deadline).")
    String slacks;

    @CommandLine.Mixin
    SolveOptions solve;

    @CommandLine.Option(names = "--no-switch-costs", description = "Set resume, DP-change and reshard minutes to 0 (rows get switchCosts=false).")
    boolean noSwitchCosts;

    @CommandLine.Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path outDir;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** One run of the instance variant (trace, start, slack) shared by all solvers, with its fixed-fastest reference. */
    private record Scenario(String trace, Instant start, String slack, Problem problem, Outcome reference) {
    }

    private record Cell(String solver, Scenario scenario, boolean switchCosts) {
        String key() {
            return SweepCommand.key(solver, scenario.trace, scenario.start.toString(), scenario.slack, Boolean.toString(switchCosts));
        }
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        validateOptions();
        // Default: cpsat and the baselines (every registered solver except mip, label and timefold).
        List<String> solverNames = solve.solvers(Solvers.names().stream().filter(n -> !List.of("mip", "label", "timefold").contains(n)).toList());
        double timeLimitSeconds = solve.timeLimitSeconds();
        int workers = solve.workers();
        Instance base = InstanceReader.read(instanceFile);
        // Slack deadlines come from the instance as given (incl. its resume), so a --no-switch-costs run has the same
        // deadline as the run it is compared with.
        Instance withSwitchCosts = base;
        if (noSwitchCosts) {
            base = Scenarios.withoutSwitchCosts(base);
        }
        Instant first = firstStart == null ? base.start() : parseInstant(firstStart);
        List<Double> slackValues = slacks == null ? null : Scenarios.parseSlacks(slacks, "--slack");
        List<Path> traceFiles = traces.isEmpty() ? List.of(base.carbonIntensity().file()) : traces;

        int poolSize = workers > 0 ? workers : Runtime.getRuntime().availableProcessors();
        // --workers threads in all: with more than one, cells run in parallel on one thread each.
        SolveSettings settings = new SolveSettings(timeLimitSeconds, poolSize > 1 ? 1 : 0, solve.seed(), Map.of());
        Map<String, Map<String, String>> optionsBySolver = SolverParameters.distribute(solve.parameterAssignments(), solverNames,
                Map.of(), settings);
        SolveSettings referenceSettings = new SolveSettings(timeLimitSeconds, 1, solve.seed(), Map.of());

        // Scenarios, each with its fixed-fastest reference (cheap; computed up front so every row can be compared).
        List<Scenario> scenarios = new ArrayList<>();
        for (Path traceFile : traceFiles) {
            Instance regional = traces.isEmpty() ? base : base.withCarbonIntensity(Scenarios.source(base, traceFile));
            CarbonTrace trace = CarbonTraceReader.read(regional.carbonIntensity().file(), regional.carbonIntensity().column());
            for (int i = 0; i < count; i++) {
                Instant start = first.plus(Duration.ofSeconds(Math.round(i * startEveryHours * 3600)));
                List<Double> variants = slackValues == null ? Arrays.asList((Double) null) : slackValues;
                for (Double slack : variants) {
                    Instance instance = regional.withStart(start);
                    if (slack != null) {
                        instance = instance.withDeadlineHours(Scenarios.deadlineHours(withSwitchCosts, slack));
                    }
                    Problem problem = InstanceReader.resolve(instance, trace);
                    Outcome reference = PlanRunner.run(problem, FixedFastestSolver.NAME, referenceSettings);
                    scenarios.add(new Scenario(Scenarios.label(traceFile), start, slack == null ? "" : Scenarios.formatSlack(slack),
                            problem, reference));
                }
            }
        }

        Path csv = outDir.resolve("sweep.csv");
        Map<String, List<String>> done = readDone(csv);
        List<Cell> cells = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            for (String solver : solverNames) {
                Cell cell = new Cell(solver, scenario, !noSwitchCosts);
                if (!done.containsKey(cell.key())) {
                    cells.add(cell);
                }
            }
        }
        int total = scenarios.size() * solverNames.size();
        err.printf(Locale.ROOT, "planner: sweep of %d cells (%d done before, %d to run) on %d worker(s)%n",
                total, total - cells.size(), cells.size(), poolSize);
        err.flush();

        AtomicInteger finished = new AtomicInteger(total - cells.size());
        AtomicInteger failures = new AtomicInteger();
        long started = System.nanoTime();
        Files.createDirectories(outDir);
        if (!Files.exists(csv)) {
            AtomicFiles.writeString(csv, HEADER + "\n");
        }
        ExecutorService pool = Executors.newFixedThreadPool(poolSize);
        try (BufferedWriter writer = Files.newBufferedWriter(csv, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            List<Future<?>> futures = new ArrayList<>();
            for (Cell cell : cells) {
                futures.add(pool.submit(() -> {
                    String line;
                    try {
                        line = row(cell, settings.withParameters(optionsBySolver.get(cell.solver)));
                    } catch (InputException e) {
                        throw e; // bad input (for example a --param value) fails the whole sweep with exit code 2
                    } catch (RuntimeException e) {
                        failures.incrementAndGet();
                        synchronized (err) {
                            err.printf("planner: cell %s failed: %s%n", cell.key(), e.getMessage());
                            err.flush();
                        }
                        return;
                    }
                    synchronized (writer) {
                        try {
                            writer.write(line);
                            writer.newLine();
                            writer.flush();
                        } catch (IOException e) {
                            throw new InputException(csv + ": cannot append: " + e.getMessage());
                        }
                    }
                    int n = finished.incrementAndGet();
                    synchronized (err) {
                        err.printf(Locale.ROOT, "[%d/%d %.0fs] %s%n", n, total, (System.nanoTime() - started) / 1e9, line);
                        err.flush();
                    }
                }));
            }
            for (Future<?> future : futures) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }

        List<List<String>> rows = new ArrayList<>(readDone(csv).values());
        AtomicFiles.writeString(outDir.resolve("summary.csv"), SweepSummary.summarise(rows));
        err.printf("planner: wrote %s (%d rows) and %s%n", csv, rows.size(), outDir.resolve("summary.csv"));
        if (failures.get() > 0) {
            err.printf("planner: %d cell(s) failed and were not written; rerun to retry them.%n", failures.get());
            return ExitCodes.INTERNAL_ERROR;
        }
        return ExitCodes.OK;
    }

    private void validateOptions() {
        if (!(startEveryHours >= 0) || !Double.isFinite(startEveryHours)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--start-every must be >= 0 hours, got " + startEveryHours);
        }
        if (count < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--count must be >= 1, got " + count);
        }
    }

    private String row(Cell cell, SolveSettings settings) {
        Scenario scenario = cell.scenario;
        Outcome outcome = PlanRunner.run(scenario.problem, cell.solver, settings);
        double kg = Double.NaN;
        double finish = Double.NaN;
        double tokensPerKg = Double.NaN;
        double reconfigurations = Double.NaN;
        if (outcome.hasPlan()) {
            kg = outcome.evaluation().totalKg();
            finish = outcome.evaluation().finishHours();
            tokensPerKg = outcome.evaluation().tokensPerKg();
            reconfigurations = outcome.evaluation().reconfigurations();
        }
        double referenceKg = scenario.reference.hasPlan() ? scenario.reference.evaluation().totalKg() : Double.NaN;
        double referenceFinish = scenario.reference.hasPlan() ? scenario.reference.evaluation().finishHours() : Double.NaN;
        List<String> fields = List.of(cell.solver, scenario.trace, scenario.start.toString(), scenario.slack,
                Boolean.toString(!noSwitchCosts), Scenarios.number(scenario.problem.instance().deadlineHours()),
                outcome.result().status().name(), Scenarios.number(kg), Scenarios.number(finish),
                Scenarios.number(finish / referenceFinish - 1), Scenarios.number(1 - kg / referenceKg),
                Scenarios.number(tokensPerKg), Scenarios.number(reconfigurations), Scenarios.number(outcome.result().solveSeconds()));
        return String.join(",", fields);
    }

    static String key(String solver, String trace, String start, String slack, String switchCosts) {
        return solver + "|" + trace + "|" + start + "|" + slack + "|" + switchCosts;
    }

    /** Rows already in sweep.csv by cell key. Drops a torn last line and rewrites the file so appends start on a fresh line. */
    private static Map<String, List<String>> readDone(Path csv) throws IOException {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        if (!Files.exists(csv)) {
            return rows;
        }
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        if (!lines.isEmpty() && !lines.get(0).equals(HEADER)) {
            throw new InputException("%s: the header is not that of a sweep.csv (%s). Maybe use another --out folder?".formatted(csv, HEADER));
        }
        StringBuilder clean = new StringBuilder(HEADER).append('\n');
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            List<String> fields = Arrays.asList(line.split(",", -1));
            if (fields.size() != COLUMNS.size()) {
                continue;
            }
            rows.put(key(fields.get(0), fields.get(1), fields.get(2), fields.get(3), fields.get(4)), fields);
            clean.append(line).append('\n');
        }
        AtomicFiles.writeString(csv, clean.toString());
        return rows;
    }

    private static Instant parseInstant(String text) {
        try {
            return CarbonTraceReader.parseTimestamp(text, "--first-start", 0);
        } catch (InputException e) {
            throw new InputException("--first-start: cannot read \"%s\"; expected an ISO-8601 instant such as 2023-01-01T00:00:00Z.".formatted(text));
        }
    }
}
