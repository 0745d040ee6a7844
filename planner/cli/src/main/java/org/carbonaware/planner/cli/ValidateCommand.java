package org.carbonaware.planner.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.carbonaware.planner.app.ExitCodes;
import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.io.InstanceReader;
import org.carbonaware.planner.io.SolutionFile;
import org.carbonaware.planner.validate.StoredSolution;
import org.carbonaware.planner.validate.Evaluation;
import org.carbonaware.planner.validate.PlanValidator;
import org.carbonaware.planner.validate.ValidationReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code planner validate}: recompute a solution from the instance and its per-epoch options alone. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Re-score a solution from the instance and its per-epoch options alone; report every violated rule and mismatch.")
public final class ValidateCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "INSTANCE", description = "Instance JSON file.")
    Path instanceFile;

    @Parameters(index = "1", paramLabel = "SOLUTION", description = "Solution JSON file.")
    Path solutionFile;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Problem problem = InstanceReader.load(instanceFile);
        StoredSolution solution = SolutionFile.read(solutionFile);
        ValidationReport report = PlanValidator.validate(problem, solution);
        var out = spec.commandLine().getOut();
        Evaluation e = report.evaluation();
        out.printf(Locale.ROOT, "instance: %s%nsolution: %s (solver %s, status %s)%n", problem.name(), solutionFile,
                solution.solver(), solution.status());
        out.printf(Locale.ROOT, "recomputed: totalKg=%.6f operationalKg=%.6f embodiedKg=%.6f energyKwh=%.3f gpuHours=%.2f tokens=%.6g/%.6g finishHours=%s reconfigurations=%d%n",
                e.totalKg(), e.operationalKg(), e.embodiedKg(), e.energyKwh(), e.gpuHours(), e.tokens(), e.workloadTokens(),
                JsonNumber.format(e.finishHours()), e.reconfigurations());
        printCapped(out, "violation", report.violations());
        printCapped(out, "mismatch", report.mismatches());
        out.println(report.passed() ? "result: VALID" : "result: INVALID (%d violation(s), %d mismatch(es))"
                .formatted(report.violations().size(), report.mismatches().size()));
        if (!report.passed()) {
            spec.commandLine().getErr().println("planner: %s is not a valid solution of %s: %s".formatted(solutionFile, instanceFile,
                    !report.violations().isEmpty() ? report.violations().get(0) : report.mismatches().get(0)));
            return ExitCodes.INFEASIBLE_OR_INVALID;
        }
        return ExitCodes.OK;
    }

    /** Lines of a kind printed at most; a tampered file can break every epoch, and the first ones say what is wrong. */
    static final int MAX_LINES = 20;

    private static void printCapped(java.io.PrintWriter out, String kind, java.util.List<String> lines) {
        lines.stream().limit(MAX_LINES).forEach(line -> out.println(kind + ": " + line));
        if (lines.size() > MAX_LINES) {
            out.println("%s: ... and %d more (%d in all)".formatted(kind, lines.size() - MAX_LINES, lines.size()));
        }
    }
}
