package org.carbonaware.planner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.carbonaware.planner.app.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScalingCommandTest {

    @TempDir
    Path dir;

    record Run(int exitCode, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = PlannerCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void writesTheScalingTableFitsSettingsAndCharts() throws IOException {
        Path out = dir.resolve("study");
        Run run = run("scaling", "--gpus", "B100,A100-80GB", "--d-model", "256:384", "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = Files.readAllLines(out.resolve("scaling.csv"));
        assertThat(lines).contains("# gramsPerKwh=323", "# maxDays=90", "# lifetimeYears=6", "# sequenceLength=2048",
                "# batchScaling=standard", "# gpus=B100,A100-80GB");
        List<String> data = lines.stream().filter(l -> !l.startsWith("#")).toList();
        List<String> columns = Arrays.asList(data.get(0).split(","));
        assertThat(columns).contains("params", "activeParams", "tokens", "loss", "devices", "tp", "pp", "dp", "ep", "zero",
                "days", "utilisation", "energyMwh", "operationalKg", "embodiedKg", "totalKg");
        assertThat(data).hasSize(1 + 4);
        int total = columns.indexOf("totalKg");
        int status = columns.indexOf("status");
        for (String row : data.subList(1, data.size())) {
            String[] cells = row.split(",", -1);
            assertThat(cells).hasSize(columns.size());
            assertThat(cells[status]).isEqualTo("ok");
            assertThat(Double.parseDouble(cells[total])).isPositive();
        }
        List<String> fits = Files.readAllLines(out.resolve("fits.csv")).stream().filter(l -> !l.startsWith("#")).toList();
        assertThat(fits.get(0)).isEqualTo("variant,curve,k,alpha,rSquared,points");
        assertThat(fits).anyMatch(l -> l.startsWith("B100,total,")).anyMatch(l -> l.startsWith("A100-80GB,ideal,"));
        assertThat(Files.readString(out.resolve("settings.txt"))).contains("pue=1.1\n", "cpaGrowth=0.1\n");
        for (String svg : List.of("loss-vs-carbon.svg", "embodied-share.svg")) {
            String text = Files.readString(out.resolve(svg));
            assertThat(text).startsWith("<?xml").contains("<svg", "<polyline", "B100").endsWith("</svg>\n");
        }
        assertThat(run.out()).startsWith("variant,curve,k,alpha,rSquared,points");
        assertThat(run.err()).contains("scaling: B100 d_model 256");
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"--d-model=4096:1024", "--d-model=abc", "--d-model=1600:2000", "--gpus=X100", "--ci=-1", "--pue=0.5",
            "--max-days=0", "--batch-scaling=fast", "--projection=soon", "--cpa-growth=-0.1", "--lifetime-years=0", "--max-days=x"})
    void badArgumentsExitWithTwoAndOneLine(String argument) {
        List<String> args = new java.util.ArrayList<>(List.of("scaling", "--out", dir.resolve("bad").toString(), argument));
        if (!argument.startsWith("--gpus")) {
            args.addAll(List.of("--gpus", "B100"));
        }
        if (!argument.startsWith("--d-model")) {
            args.addAll(List.of("--d-model", "256:256"));
        }
        Run run = run(args.toArray(String[]::new));
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).startsWith("planner: ");
        assertThat(Files.exists(dir.resolve("bad").resolve("scaling.csv"))).isFalse();
    }

    @Test
    void missingOutIsAUsageError() {
        Run run = run("scaling", "--gpus", "B100");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err().strip().lines()).hasSize(1);
    }
}
