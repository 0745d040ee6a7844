package org.carbonaware.planner.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.carbonaware.planner.app.ExitCodes;
import org.carbonaware.planner.app.PlanRunner;
import org.carbonaware.planner.app.PlanRunner.Outcome;
import org.carbonaware.planner.domain.Instance;
import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.formulation.Solvers;
import org.carbonaware.planner.io.InstanceReader;
import org.carbonaware.planner.io.SolutionFile;
import org.carbonaware.planner.solve.Gap;
import org.carbonaware.planner.trace.CarbonTrace;
import org.carbonaware.planner.solve.SolveResult;
import org.carbonaware.planner.solve.SolveSettings;
import org.carbonaware.planner.solve.SolveStatus;
import org.carbonaware.planner.validate.Evaluation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code planner plan}: solve an instance, validate the plan, write the solution JSON and per-epoch CSV. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Plan an instance with one solver; the plan is re-scored by the validator before it is written.")
public final class PlanCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "INSTANCE", description = "Instance JSON file.")
    Path instanceFile;

    @CommandLine.Mixin
    SolveOptions solve;

    @CommandLine.Option(names = "--backend", paramLabel = "NAME",
            description = "MPSolver backend for --solver mip: SCIP, HIGHS or CBC (default: HIGHS); the same as --param backend=NAME.")
    String backend;

    @CommandLine.Option(names = "--threshold", paramLabel = "G",
            description = "Carbon-intensity threshold in gCO2eq/kWh for --solver threshold (default: the lowest that meets the deadline); the same as --param threshold=G.")
    String threshold;

    @CommandLine.Option(names = "--list-params", help = true,
            description = "List the options of the --solver (name, type, default, range, doc) and exit; no INSTANCE needed.")
    boolean listParams;

    @CommandLine.Option(names = "--out", paramLabel = "FILE",
            description = "Solution JSON path (default: solutions/<instance name>-<solver>.json); the CSV goes beside it.")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        String solver = solve.solver("cpsat");
        if (listParams) {
            SolversCommand.describe(Solvers.create(solver), spec.commandLine().getOut());
            return ExitCodes.OK;
        }
        if (instanceFile == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Missing the INSTANCE file.");
        }
        if (backend != null) {
            solve.addParameter("backend", backend);
        }
        if (threshold != null) {
            solve.addParameter("threshold", threshold);
        }
        SolveSettings settings = solve.settings(solver);
        double timeLimitSeconds = settings.timeLimitSeconds();
        if (out != null && Files.isDirectory(out)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--out %s is a directory; it names the solution JSON file. Maybe --out %s?".formatted(out, out.resolve("solution.json")));
        }
        Instance instance = InstanceReader.read(instanceFile);
        List<CarbonTrace> traces = InstanceReader.readTraces(instance);
        Problem problem = InstanceReader.resolve(instance, traces);
        int filledEpochs = problem.filledEpochs();
        var err = spec.commandLine().getErr();
        if (filledEpochs > 0) {
            err.println("planner: note: %d epoch(s) take their carbon intensity across gaps in the trace (within carbonIntensity.maxGapMinutes); statistics.filledEpochs counts them"
                    .formatted(filledEpochs));
        }
        Outcome outcome = PlanRunner.run(problem, solver, settings);
        SolveResult result = outcome.result();
        var outWriter = spec.commandLine().getOut();
        if (result.status() == SolveStatus.INFEASIBLE) {
            err.println("planner: infeasible: " + result.message());
            return ExitCodes.INFEASIBLE_OR_INVALID;
        }
        if (!outcome.hasPlan()) {
            // a solver's own reason may already end with its hint
            String reason = result.message() == null ? "" : ": " + result.message();
            err.println("planner: no plan found within %s s (status %s)%s"
                    .formatted(JsonNumber.format(timeLimitSeconds), result.status(), reason)
                    + (reason.contains("Maybe ") ? "" : ". Maybe raise --time-limit?"));
            return ExitCodes.NO_SOLUTION;
        }
        Path target = out != null ? out : Path.of("solutions", problem.name() + "-" + solver + ".json");
        SolutionFile.write(target, problem, result, outcome.evaluation());
        Evaluation evaluation = outcome.evaluation();
        outWriter.println(summary(problem, result, evaluation));
        if (result.message() != null) {
            err.println("planner: note: " + result.message());
        }
        err.println("planner: wrote " + target + " and " + SolutionFile.csvPath(target));
        return ExitCodes.OK;
    }

    static String summary(Problem problem, SolveResult result, Evaluation evaluation) {
        return String.format(Locale.ROOT,
                "instance=%s signal=%s solver=%s status=%s totalKg=%s operationalKg=%s embodiedKg=%s bestBoundKg=%s gap=%s "
                        + "finishHours=%s energyKwh=%s gpuHours=%s tokensPerKg=%.4g reconfigurations=%d solveSeconds=%.3f",
                problem.name(), problem.instance().signalLabel(), result.solver(), result.status(), JsonNumber.fixed(evaluation.totalKg(), 3),
                JsonNumber.fixed(evaluation.operationalKg(), 3), JsonNumber.fixed(evaluation.embodiedKg(), 3),
                JsonNumber.format(result.bestBoundKg()),
                JsonNumber.formatPercent(Gap.relative(evaluation.totalKg(), result.bestBoundKg())),
                JsonNumber.fixed(evaluation.finishHours(), 3), JsonNumber.fixed(evaluation.energyKwh(), 1),
                JsonNumber.fixed(evaluation.gpuHours(), 1), evaluation.tokensPerKg(),
                evaluation.reconfigurations(), result.solveSeconds());
    }
}
