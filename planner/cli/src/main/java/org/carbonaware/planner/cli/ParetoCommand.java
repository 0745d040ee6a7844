package org.carbonaware.planner.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.carbonaware.planner.app.ExitCodes;
import org.carbonaware.planner.app.PlanRunner;
import org.carbonaware.planner.app.PlanRunner.Outcome;
import org.carbonaware.planner.domain.Instance;
import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.formulation.baseline.FixedFastestSolver;
import org.carbonaware.planner.common.AtomicFiles;
import org.carbonaware.planner.io.InstanceReader;
import org.carbonaware.planner.solve.SolveSettings;
import org.carbonaware.planner.trace.CarbonTrace;
import org.carbonaware.planner.trace.CarbonTraceReader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code planner pareto}: the carbon-vs-slowdown frontier of one instance. For every slack s the deadline becomes
 * (1+s) × the fastest option's hours (see {@code sweep}); the solver's validated plan is compared with
 * fixed-fastest on the same deadline. Writes DIR/pareto.csv and DIR/pareto.svg.
 */
@Command(name = "pareto", mixinStandardHelpOptions = true,
        description = "Carbon-vs-slowdown frontier over deadline slacks; writes DIR/pareto.csv and DIR/pareto.svg.")
public final class ParetoCommand implements Callable<Integer> {

    static final String HEADER = "slack,deadlineHours,status,objectiveKg,finishHours,slowdown,reductionVsFixedFastest,fixedFastestKg";

    @Parameters(index = "0", paramLabel = "INSTANCE", description = "Instance JSON file.")
    Path instanceFile;

    @CommandLine.Option(names = "--slack", defaultValue = "0,0.05,0.1,0.15,0.2,0.25,0.3,0.35,0.4,0.45,0.5", paramLabel = "S,...",
            description = "Deadline slacks (default: ${DEFAULT-VALUE}).")
    String slacks;

    @CommandLine.Mixin
    SolveOptions solve;

    @CommandLine.Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path outDir;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        String solver = solve.solver("cpsat");
        SolveSettings settings = solve.settings(solver);
        var err = spec.commandLine().getErr();
        List<Double> slackValues = Scenarios.parseSlacks(slacks, "--slack");
        Instance base = InstanceReader.read(instanceFile);
        CarbonTrace trace = CarbonTraceReader.read(base.carbonIntensity().file(), base.carbonIntensity().column());
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        double referenceKg = Double.NaN;
        int withPlan = 0;
        for (double slack : slackValues) {
            Instance instance = base.withDeadlineHours(Scenarios.deadlineHours(base, slack));
            Problem problem = InstanceReader.resolve(instance, trace);
            Outcome reference = PlanRunner.run(problem, FixedFastestSolver.NAME, settings.withParameters(java.util.Map.of()));
            Outcome outcome = PlanRunner.run(problem, solver, settings);
            double kg = outcome.hasPlan() ? outcome.evaluation().totalKg() : Double.NaN;
            double finish = outcome.hasPlan() ? outcome.evaluation().finishHours() : Double.NaN;
            double refKg = reference.hasPlan() ? reference.evaluation().totalKg() : Double.NaN;
            double refFinish = reference.hasPlan() ? reference.evaluation().finishHours() : Double.NaN;
            double slowdown = finish / refFinish - 1;
            if (Double.isNaN(referenceKg)) {
                referenceKg = refKg;
            }
            csv.append(String.join(",", Scenarios.formatSlack(slack), Scenarios.number(instance.deadlineHours()),
                    outcome.result().status().name(), Scenarios.number(kg), Scenarios.number(finish), Scenarios.number(slowdown),
                    Scenarios.number(1 - kg / refKg), Scenarios.number(refKg))).append('\n');
            if (outcome.hasPlan()) {
                withPlan++;
                xs.add(100 * slowdown);
                ys.add(kg);
                labels.add("s=" + Scenarios.formatSlack(slack));
            }
            err.printf(Locale.ROOT, "planner: slack %s: %s %.3f kg, finish %.2f h (fixed-fastest %.3f kg, %.2f h)%n",
                    Scenarios.formatSlack(slack), outcome.result().status(), kg, finish, refKg, refFinish);
            err.flush();
        }
        Path csvFile = outDir.resolve("pareto.csv");
        Path svgFile = outDir.resolve("pareto.svg");
        AtomicFiles.writeString(csvFile, csv.toString());
        List<SvgLineChart.Series> series = new ArrayList<>();
        series.add(new SvgLineChart.Series(solver, xs.stream().mapToDouble(Double::doubleValue).toArray(),
                ys.stream().mapToDouble(Double::doubleValue).toArray(), labels.toArray(String[]::new)));
        if (Double.isFinite(referenceKg)) {
            series.add(new SvgLineChart.Series(FixedFastestSolver.NAME, new double[] {0}, new double[] {referenceKg}, null));
        }
        AtomicFiles.writeString(svgFile, SvgLineChart.render("Carbon vs slowdown: " + base.name(),
                "slowdown vs fixed-fastest (%)", "total kgCO2", series));
        spec.commandLine().getOut().print(csv);
        spec.commandLine().getOut().flush();
        err.println("planner: wrote " + csvFile + " and " + svgFile);
        return withPlan > 0 ? ExitCodes.OK : ExitCodes.NO_SOLUTION;
    }
}
