package org.carbonaware.planner.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.carbonaware.planner.app.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateCommandTest {

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

    static final Path CISO_WEEK = Path.of("../../instances/forecast/dacf-ciso-week.json");

    @Test
    void simulateRunsOnTheBundledDacfInstanceAndValidateAcceptsTheExecutedPlan() throws IOException {
        Path out = dir.resolve("ciso.json");
        Run simulate = run("simulate", CISO_WEEK.toString(), "--replan-every", "24", "--solver", "threshold",
                "--oracle-solver", "label", "--workers", "1", "--out", out.toString());
        assertThat(simulate.exitCode()).as(simulate.err()).isEqualTo(ExitCodes.OK);
        assertThat(simulate.out()).startsWith("instance=dacf-ciso-week signal=average solver=threshold replanEveryHours=24 ");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("ciso.json", "ciso.epochs.csv",
                    "ciso.replans.csv", "ciso.summary.json");
        }
        Run validate = run("validate", CISO_WEEK.toString(), out.toString());
        assertThat(validate.exitCode()).as(validate.out()).isEqualTo(ExitCodes.OK);

        ObjectMapper mapper = new ObjectMapper();
        JsonNode solution = mapper.readTree(out.toFile());
        assertThat(solution.get("signal").asText()).isEqualTo("average");
        assertThat(solution.get("epochs")).hasSize(151);
        JsonNode summary = mapper.readTree(dir.resolve("ciso.summary.json").toFile());
        assertThat(summary.get("signal").asText()).isEqualTo("average");
        assertThat(summary.get("replans").asInt()).isBetween(6, 7);
        double oracle = summary.get("oracleKg").asDouble();
        double fixedFastest = summary.get("fixedFastestKg").asDouble();
        double rolling = summary.get("rollingKg").asDouble();
        assertThat(rolling).isEqualTo(solution.get("objective").get("totalKg").asDouble());
        assertThat(oracle).isLessThan(fixedFastest);
        assertThat(rolling).isGreaterThanOrEqualTo(oracle * (1 - 1e-9));
        assertThat(summary.get("regretShareOfSaving").asDouble()).isCloseTo((rolling - oracle) / (fixedFastest - oracle), within(1e-9));
        List<String> replans = Files.readAllLines(dir.resolve("ciso.replans.csv"));
        assertThat(replans.get(0)).isEqualTo(String.join(",", SimulateCommand.REPLAN_COLUMNS));
        assertThat(replans.get(1)).startsWith("0,0,2021-07-15T00:00:00Z,2021-07-15T00:00:00Z,24,127,pause,");
        assertThat(replans.get(2)).startsWith("1,24,2021-07-16T00:00:00Z,2021-07-16T00:00:00Z,24,103,");
    }

    @Test
    void theMarginalSignalIsRepeatedInEveryOutputOfTheMoerInstance() throws IOException {
        Path instance = Path.of("../../instances/forecast/moer-caiso-north-week.json");
        Path out = dir.resolve("moer.json");
        Run simulate = run("simulate", instance.toString(), "--replan-every", "1", "--solver", "threshold",
                "--oracle-solver", "label", "--workers", "1", "--out", out.toString());
        assertThat(simulate.exitCode()).as(simulate.err()).isEqualTo(ExitCodes.OK);
        assertThat(simulate.out()).contains("signal=marginal").contains("forecast=vintages");
        ObjectMapper mapper = new ObjectMapper();
        assertThat(mapper.readTree(out.toFile()).get("signal").asText()).isEqualTo("marginal");
        assertThat(mapper.readTree(dir.resolve("moer.summary.json").toFile()).get("signal").asText()).isEqualTo("marginal");
        assertThat(run("validate", instance.toString(), out.toString()).exitCode()).isEqualTo(ExitCodes.OK);
    }

    /** A 12-hour job on an hourly trace with a forecast column that is 10 % high at night. */
    private Path tinyInstance(String forecastField) throws IOException {
        StringBuilder trace = new StringBuilder("time,ci,fc\n");
        for (int h = -48; h < 24; h++) {
            int hour = Math.floorMod(h, 24);
            double ci = 100 + 80 * Math.cos(hour / 24.0 * 2 * Math.PI) + (h % 5);
            trace.append("%s,%.2f,%.2f%n".formatted(java.time.Instant.parse("2024-01-03T00:00:00Z").plusSeconds(h * 3600L)
                    .toString(), ci, ci * (hour < 6 ? 1.1 : 1.0)));
        }
        Files.writeString(dir.resolve("ci.csv"), trace);
        Path file = dir.resolve("tiny.json");
        Files.writeString(file, """
                { "name": "tiny", "start": "2024-01-03T00:00:00Z", "epochMinutes": 60, "deadlineHours": 12,
                  "workload": { "tokens": 400000 }, "reconfiguration": { "resumeMinutes": 6, "dpChangeMinutes": 3 },
                  "carbonIntensity": { "file": "ci.csv", "column": "ci" }, FORECAST
                  "options": [ { "dp": 2, "tp": 1, "pp": 1, "tokensPerSecond": 10, "watts": 1000 },
                               { "dp": 4, "tp": 1, "pp": 1, "tokensPerSecond": 18, "watts": 2000 } ] }
                """.replace("FORECAST", forecastField));
        return file;
    }

    @Test
    void aPerfectForecastGivesTheOraclesResultThroughTheCommand() throws IOException {
        Path instance = tinyInstance("\"forecast\": {\"type\": \"column\", \"column\": \"fc\"},");
        Run perfect = run("simulate", instance.toString(), "--replan-every", "2", "--forecast", "actual", "--workers", "1",
                "--out", dir.resolve("p.json").toString());
        assertThat(perfect.exitCode()).as(perfect.err()).isZero();
        JsonNode summary = new ObjectMapper().readTree(dir.resolve("p.summary.json").toFile());
        assertThat(summary.get("rollingKg").asDouble()).isCloseTo(summary.get("oracleKg").asDouble(), within(1e-6));
        assertThat(summary.get("planOnceKg").asDouble()).isCloseTo(summary.get("oracleKg").asDouble(), within(1e-6));

        Run plan = run("plan", instance.toString(), "--workers", "1", "--out", dir.resolve("plan.json").toString());
        double planKg = new ObjectMapper().readTree(dir.resolve("plan.json").toFile()).get("objective").get("totalKg").asDouble();
        assertThat(plan.exitCode()).isZero();
        assertThat(summary.get("oracleKg").asDouble()).isCloseTo(planKg, within(1e-6));
    }

    @Test
    void badSimulationInputsExitWith2OnOneLineAndWriteNothing() throws IOException {
        Path instance = tinyInstance("\"forecast\": {\"type\": \"column\", \"column\": \"fc\"},");
        Path out = dir.resolve("out/x.json");
        String[][] cases = {
            {"--replan-every", "1.5"},
            {"--replan-every", "0"},
            {"--replan-every", "2", "--fallback", "yesterday"},
            {"--replan-every", "2", "--forecast", "column:column=fc,horizonHours=1"},
            {"--replan-every", "2", "--forecast", "oracle"},
            {"--replan-every", "2", "--forecast", "synthetic:signal=marginal"},
            {"--replan-every", "2", "--forecast", "vintages:file=" + dir.resolve("v.csv")},
        };
        String[] expected = {"--replan-every: 1.5 h", "--replan-every: 0 h", "unknown fallback \"yesterday\"",
                "covers 1 of the 2 epochs of the first re-plan interval", "\"oracle\" is not a forecast type",
                "the forecast is of the marginal signal", "v.csv:3:"};
        Files.writeString(dir.resolve("v.csv"),
                "request_time,forecast_time,v\n2024-01-03 00:00:00,2024-01-03 00:00:00,1\n2024-01-03 02:00:00,2024-01-03 01:00:00,1\n");
        for (int i = 0; i < cases.length; i++) {
            String[] args = Stream.concat(Stream.of("simulate", instance.toString(), "--out", out.toString()), Stream.of(cases[i]))
                    .toArray(String[]::new);
            Run bad = run(args);
            assertThat(bad.exitCode()).as(String.join(" ", cases[i]) + ": " + bad.err()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(bad.err().lines()).as(bad.err()).hasSize(1);
            assertThat(bad.err()).contains(expected[i]).doesNotContain("at org.");
            assertThat(dir.resolve("out")).doesNotExist();
        }
        Path withoutForecast = tinyInstance("");
        Run missing = run("simulate", withoutForecast.toString(), "--replan-every", "2", "--out", out.toString());
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(missing.err()).contains("tiny.json: field 'forecast': missing").contains("Maybe");
    }

    @Test
    void sweepRunsItsCellsAsRollingHorizonsAndAPerfectForecastGivesThePlansResults() throws IOException {
        Path instance = tinyInstance("\"forecast\": {\"type\": \"actual\"},");
        String[] common = {"sweep", instance.toString(), "--start-every", "2", "--count", "2", "--solvers", "cpsat,threshold",
                "--workers", "1", "--time-limit", "10"};
        Run rolling = run(Stream.concat(Stream.of(common), Stream.of("--replan-every", "3", "--out", dir.resolve("rolling").toString()))
                .toArray(String[]::new));
        assertThat(rolling.exitCode()).as(rolling.err()).isZero();
        Run planned = run(Stream.concat(Stream.of(common), Stream.of("--out", dir.resolve("planned").toString())).toArray(String[]::new));
        assertThat(planned.exitCode()).as(planned.err()).isZero();
        List<java.util.Map<String, String>> rollingRows = SweepAndParetoCommandTest.rows(dir.resolve("rolling/results.csv"));
        List<java.util.Map<String, String>> plannedRows = SweepAndParetoCommandTest.rows(dir.resolve("planned/results.csv"));
        assertThat(rollingRows).hasSize(2 * 3); // starts × (cpsat, threshold, fixed-fastest)
        for (var row : rollingRows) {
            var same = plannedRows.stream().filter(p -> p.get("solver").equals(row.get("solver")) && p.get("start").equals(row.get("start")))
                    .findFirst().orElseThrow();
            if (row.get("solver").equals("cpsat")) {
                // a rolling horizon on a perfect forecast is the plan on the actual trace
                assertThat(Double.parseDouble(row.get("objectiveKg"))).isCloseTo(Double.parseDouble(same.get("objectiveKg")), within(1e-6));
            }
            assertThat(row.get("status")).isIn("FEASIBLE", "OPTIMAL");
        }
        JsonNode solution = new ObjectMapper().readTree(dir.resolve("rolling").resolve(rollingRows.get(0).get("solution")).toFile());
        assertThat(solution.get("statistics").get("rolling").get("replanEveryHours").asDouble()).isEqualTo(3);
        assertThat(solution.get("signal").asText()).isEqualTo("average");
    }

    @Test
    void aBenchmarkRefusesToMixSignals() throws IOException {
        Path average = tinyInstance("");
        Path marginal = dir.resolve("marginal.json");
        Files.writeString(marginal, Files.readString(average).replace("\"name\": \"tiny\"", "\"name\": \"marginal\"")
                .replace("\"carbonIntensity\"", "\"signal\": \"marginal\", \"carbonIntensity\""));
        Run bench = run("bench", "--instances", average + "," + marginal, "--solvers", "fixed-fastest", "--out", dir.resolve("b").toString());
        assertThat(bench.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(bench.err().lines()).hasSize(1);
        assertThat(bench.err()).contains("mix signals").contains("marginal.json is marginal").contains("tiny.json is average");
        assertThat(dir.resolve("b/cells")).doesNotExist();
    }

    @Test
    void aTwoSiteInstanceIsSimulatedWithEachSitesOwnForecast() throws IOException {
        String site = """
                {"name": "NAME", "carbonIntensity": {"file": "../../instances/traces/dacf_NAME_2021H2_forecast.csv", "column": "carbon_intensity"},
                 "forecast": {"type": "column", "column": "carbon_from_src_forecasts"}, "maxGpus": 16,
                 "reconfiguration": {"resumeMinutes": 12, "dpChangeMinutes": 4},
                 "options": [{"dp": 2, "tp": 4, "pp": 1, "tokensPerSecond": 30000, "watts": 11000},
                             {"dp": 4, "tp": 4, "pp": 1, "tokensPerSecond": 57000, "watts": 22000}]}
                """;
        Path instance = dir.resolve("two-sites.json");
        Files.writeString(instance, """
                {"name": "two", "start": "2021-07-15T00:00:00Z", "epochMinutes": 60, "deadlineHours": 48,
                 "workload": {"tokens": 6.0e9}, "maxActiveSites": 1, "sites": [SITES]}
                """.replace("SITES", site.replace("NAME", "CISO") + "," + site.replace("NAME", "ERCO"))
                .replace("../../instances", Path.of("../../instances").toAbsolutePath().normalize().toString()));
        Path out = dir.resolve("two.json");
        Run simulate = run("simulate", instance.toString(), "--replan-every", "6", "--solver", "label", "--oracle-solver", "label",
                "--out", out.toString());
        assertThat(simulate.exitCode()).as(simulate.err()).isEqualTo(ExitCodes.OK);
        assertThat(run("validate", instance.toString(), out.toString()).exitCode()).isEqualTo(ExitCodes.OK);
        List<String> replans = Files.readAllLines(dir.resolve("two.replans.csv"));
        assertThat(replans).hasSizeGreaterThan(2);
        assertThat(String.join("\n", replans)).containsPattern(",(CISO|ERCO):dp[24]-tp4-pp1,");
        JsonNode summary = new ObjectMapper().readTree(dir.resolve("two.summary.json").toFile());
        assertThat(summary.get("forecast").asText()).contains("CISO: column").contains("ERCO: column");
        assertThat(summary.get("rollingKg").asDouble()).isGreaterThanOrEqualTo(summary.get("oracleKg").asDouble() * (1 - 1e-9));
    }
}
