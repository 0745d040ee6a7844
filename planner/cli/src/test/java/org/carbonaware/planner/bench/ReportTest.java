package org.carbonaware.planner.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carbonaware.planner.bench.BenchFixtures.planner;
import static org.carbonaware.planner.bench.BenchFixtures.tinyInstance;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.carbonaware.planner.app.ExitCodes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

    @TempDir
    static Path temp;

    static Path benchDirectory;
    static Path instance;

    @BeforeAll
    static void runBench() throws IOException {
        instance = tinyInstance(temp.resolve("instances"), "tiny-a");
        benchDirectory = temp.resolve("bench");
        var run = planner("bench", "--instances", instance.toString(), "--solvers", "cpsat,mip", "--time-limit", "10",
                "--workers", "1", "--out", benchDirectory.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    private static final CellVariant PLAIN = new CellVariant("", "trace", "2023-01-01T00:00:00Z", "", true, 4);

    private static Machine machine() {
        return new Machine(2, "test-os", "test-java");
    }

    private static CellResult cell(String instance, String solver, long seed, double kg, List<double[]> incumbents) {
        return new CellResult(instance, PLAIN, solver, seed, "FEASIBLE", kg, kg, 0, Double.NaN, 5, 1, 3, 10, 1e6, "v", 30, 1,
                machine(), Double.NaN, null, null, incumbents);
    }

    @Test
    void aCorruptSolutionFileIsAnInputErrorNamingTheFileNotAMissingPlan() throws IOException {
        Path copy = temp.resolve("corrupt");
        try (var files = Files.walk(benchDirectory)) {
            for (Path file : files.toList()) {
                Path target = copy.resolve(benchDirectory.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        Path solution = copy.resolve("solutions/tiny-a-cpsat-s1.json");
        Files.writeString(solution, Files.readString(solution).substring(0, 200));
        var report = planner("bench-report", copy.toString());
        assertThat(report.exitCode()).as(report.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(report.err()).contains("tiny-a-cpsat-s1.json").contains("not valid JSON");
        assertThat(report.err().lines()).hasSize(1);
    }

    @Test
    void gapToBestIsMeasuredAgainstTheBestPlanOfAnySolverForTheSameInstance() {
        BenchResults results = BenchResults.of(temp, List.of(
                cell("a", "x", 1, 100, List.of()), cell("a", "y", 1, 101, List.of()), cell("b", "x", 1, 50, List.of()),
                cell("b", "y", 1, 40, List.of()),
                CellResult.error(new BenchCell(temp.resolve("a.json"), "a", "z", 1), CellVariant.unresolved(Variant.NONE), 30, 1, 0.1, "boom")));

        assertThat(results.rowList()).extracting(r -> r.cell().instance() + r.cell().solver() + ":" + Math.round(r.gapToBest() * 1000))
                .containsExactly("ax:0", "ay:10", "az:0", "bx:250", "by:0");
        assertThat(results.rowList().get(2).gapToBest()).isNaN();
        assertThat(results.failureCount()).isEqualTo(1);
        assertThat(results.toCsv()).contains("a,,,,,true,,z,1,ERROR,").contains(",boom\n");
    }

    @Test
    void anIncumbentTraceIsDrawnAsAStepLineThroughItsImprovements() {
        BenchResults results = BenchResults.of(temp, List.of(
                cell("a", "exact", 1, 100, List.of()),
                cell("a", "local", 1, 101, List.of(new double[] {0.5, 130}, new double[] {2, 110}, new double[] {4, 101}))));

        String svg = GapChart.svg(results.solverList(), GapChart.trajectories(results));

        assertThat(svg).contains("data-solver=\"local\"", "data-solver=\"exact\"");
        String local = svg.substring(svg.indexOf("data-solver=\"local\""));
        local = local.substring(0, local.indexOf("</g>"));
        // three improvements plus the final plan: one move and three horizontal-then-vertical steps
        assertThat(Pattern.compile("H[0-9.]+V").matcher(local).results().count()).isEqualTo(3);
        assertThat(svg).contains("30 %"); // the first incumbent is 30 % above the best plan
    }

    @Test
    void theGapChartDrawsTheTracesTheSolversRecorded() {
        BenchResults results = BenchResults.load(benchDirectory);
        assertThat(results.rowList()).extracting(r -> r.cell().solver()).containsExactly("cpsat", "mip");
        assertThat(results.rowList()).allSatisfy(r -> assertThat(r.cell().incumbents()).isNotEmpty());
        assertThat(GapChart.trajectories(results)).hasSize(2).allSatisfy(t -> assertThat(t.traced()).isTrue());
    }

    @Test
    void plotWritesTheSvgPlanChartOfOneSolution() throws IOException {
        Path solution = benchDirectory.resolve("solutions/tiny-a-mip-s1.json");
        Path svgFile = temp.resolve("plot/tiny.svg");

        var run = planner("plot", solution.toString(), "--instance", instance.toString(), "--out", svgFile.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        String svg = Files.readString(svgFile);
        assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"plan-chart\"")
                .contains("class=\"ci\"", "class=\"legend\"", "mip (OPTIMAL, seed 1)", "4 GPUs", "01-01 03:00");
        // every running epoch of the plan is covered by a bar of its family
        var epochs = org.carbonaware.planner.io.SolutionFile.readTree(solution).path("epochs");
        int running = 0;
        for (var epoch : epochs) {
            if (epoch.path("option").isObject()) {
                running++;
                String family = "tp" + epoch.path("option").path("tp").asInt() + "-pp" + epoch.path("option").path("pp").asInt();
                assertThat(svg).contains("data-family=\"" + family + "\"");
            }
        }
        assertThat(running).isPositive();
        var bars = Pattern.compile("epochs (\\d+)-(\\d+):").matcher(svg).results()
                .mapToInt(m -> Integer.parseInt(m.group(2)) - Integer.parseInt(m.group(1)) + 1).sum();
        assertThat(bars).isEqualTo(running);

        var badSuffix = planner("plot", solution.toString(), "--out", temp.resolve("x.pdf").toString());
        assertThat(badSuffix.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    }

    @Test
    void theReportRendersInHeadlessChromium() throws IOException {
        assumeTrue(Chromium.find().isPresent(), "chromium is not installed");
        Path report = benchDirectory.resolve("report.html");

        String dom = Chromium.dumpDom(report);

        assertThat(dom).contains("<table class=\"results\"", "class=\"gap-chart\"", "class=\"plan-chart\"", "tiny-a");
        Path png = temp.resolve("report.png");
        Chromium.screenshot(report, png, 1000, 1400);
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1000);
        // the plan bars are drawn in the palette's first colour
        assertThat(countPixels(image, 0x0072B2)).isGreaterThan(500);
    }

    @Test
    void plotRendersPngThroughChromium() {
        assumeTrue(Chromium.find().isPresent(), "chromium is not installed");
        Path png = temp.resolve("plot/tiny.png");

        var run = planner("plot", benchDirectory.resolve("solutions/tiny-a-cpsat-s1.json").toString(), "--out", png.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(png).exists();
    }

    private static int countPixels(BufferedImage image, int rgb) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) == rgb) {
                    count++;
                }
            }
        }
        return count;
    }
}
