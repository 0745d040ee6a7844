package org.carbonaware.planner.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import org.carbonaware.planner.app.ExitCodes;
import org.carbonaware.planner.bench.Chromium;
import org.carbonaware.planner.bench.PlanChart;
import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.common.AtomicFiles;
import org.carbonaware.planner.common.InputException;
import org.carbonaware.planner.io.InstanceReader;
import org.carbonaware.planner.io.SolutionFile;
import org.carbonaware.planner.validate.PlanValidator;
import org.carbonaware.planner.validate.ValidationReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code planner plot}: the benchmark report's plan chart for one solution, as SVG or PNG. */
@Command(name = "plot", mixinStandardHelpOptions = true,
        description = {"Draw a solution: the carbon-intensity curve and the GPUs of every epoch, coloured by tp/pp family.",
                "SVG is written directly; PNG is rendered by headless Chromium (chromium on the PATH or $PLANNER_CHROMIUM)."})
public final class PlotCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SOLUTION", description = "Solution JSON file (from plan or bench).")
    Path solutionFile;

    @CommandLine.Option(names = "--instance", paramLabel = "INSTANCE",
            description = "Instance JSON file: the plan is validated against it and the GPU axis runs to its maxGpus.")
    Path instanceFile;

    @CommandLine.Option(names = "--out", paramLabel = "FILE.svg|FILE.png", description = "Output file (default: the solution path with .svg).")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        JsonNode solution = SolutionFile.readTree(solutionFile);
        if (solution == null || PlanChart.epochsOf(solution).isEmpty()) {
            throw new InputException(solutionFile + ": fields 'epochs' and 'runs': missing or empty; there is no plan to draw. Maybe the solve found no plan?");
        }
        Path target = out != null ? out : solutionFile.resolveSibling(
                solutionFile.getFileName().toString().replaceFirst("\\.json$", "") + ".svg");
        String extension = target.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!extension.endsWith(".svg") && !extension.endsWith(".png")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--out %s: expected a .svg or .png file name.".formatted(target));
        }
        int maxGpus = 0;
        double[] carbonIntensity = PlanChart.carbonIntensityOf(solution);
        if (instanceFile != null) {
            Problem problem = InstanceReader.load(instanceFile);
            ValidationReport report = PlanValidator.validate(problem, SolutionFile.read(solutionFile));
            if (!report.feasible()) {
                throw new InputException("%s is not a valid plan of %s: %s".formatted(solutionFile, instanceFile, report.violations().get(0)));
            }
            maxGpus = problem.instance().maxGpus() == Integer.MAX_VALUE ? 0 : problem.instance().maxGpus();
            carbonIntensity = problem.carbonIntensities();
        }
        String label = "%s (%s, seed %s): %.3f kg, %s reconfigurations".formatted(solution.path("solver").asText("?"),
                solution.path("status").asText("?"), solution.path("seed").asText("?"),
                solution.path("objective").path("totalKg").asDouble(Double.NaN), solution.path("reconfigurations").asText("?"));
        String svg = PlanChart.svg(new PlanChart.Data(solution.path("instance").asText(solutionFile.getFileName().toString()),
                PlanChart.epochStartsOf(solution), carbonIntensity, List.of(PlanChart.seriesOf(solution, label)), maxGpus));
        if (extension.endsWith(".svg")) {
            AtomicFiles.writeString(target, svg);
        } else {
            writePng(svg, target);
        }
        spec.commandLine().getErr().println("planner: wrote " + target);
        return ExitCodes.OK;
    }

    private static void writePng(String svg, Path target) {
        int width = intAttribute(svg, "width");
        int height = intAttribute(svg, "height");
        Path page = null;
        try {
            page = Files.createTempFile("planner-plot", ".html");
            Files.writeString(page, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><style>body{margin:0}</style></head><body>"
                    + svg + "</body></html>");
            Path temporary = target.toAbsolutePath().resolveSibling("." + target.getFileName() + ".render.png");
            Chromium.screenshot(page, temporary, width, height);
            AtomicFiles.writeBytes(target, Files.readAllBytes(temporary));
            Files.deleteIfExists(temporary);
        } catch (IOException e) {
            throw new InputException(target + ": cannot write: " + e.getMessage());
        } finally {
            if (page != null) {
                page.toFile().delete();
            }
        }
    }

    private static int intAttribute(String svg, String name) {
        var matcher = java.util.regex.Pattern.compile(name + "=\"(\\d+)\"").matcher(svg);
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : 800;
    }
}
