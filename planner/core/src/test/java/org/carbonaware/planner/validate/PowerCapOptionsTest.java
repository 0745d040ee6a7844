package org.carbonaware.planner.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.carbonaware.planner.common.InputException;
import org.carbonaware.planner.domain.CarbonIntensitySource;
import org.carbonaware.planner.domain.Instance;
import org.carbonaware.planner.domain.Option;
import org.carbonaware.planner.domain.Plan;
import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.domain.Reconfiguration;
import org.carbonaware.planner.io.InstanceReader;
import org.carbonaware.planner.io.SolutionFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Options that differ only in their power cap: identity, the cap-change tier, solution files and the validator. */
class PowerCapOptionsTest {

    static final Option FULL = new Option(2, 1, 1, 2, 10, 1000);
    static final Option CAPPED = new Option(null, 2, 1, 1, 2, 8, 700, 250.0);
    static final Option WIDER = new Option(4, 1, 1, 4, 18, 2000);
    static final Option RESHARD = new Option(1, 2, 1, 2, 9, 900);

    @TempDir
    Path dir;

    static Problem problem(Reconfiguration reconfiguration) {
        Instance instance = new Instance("caps", Instant.parse("2024-01-01T00:00:00Z"), 60, 4, 100_000, 8, 1.0, 0, 0,
                reconfiguration, new CarbonIntensitySource(Path.of("none.csv"), null), List.of(FULL, CAPPED, WIDER, RESHARD), null);
        return new Problem(instance, new double[] {100, 200, 300, 400});
    }

    @Test
    void changingOnlyTheCapIsItsOwnReconfigurationTier() {
        Reconfiguration costs = new Reconfiguration(12, 4, 25, 0.5);
        assertThat(costs.lostMinutes(FULL, CAPPED)).isEqualTo(0.5);
        assertThat(costs.lostMinutes(CAPPED, FULL)).isEqualTo(0.5);
        assertThat(costs.lostMinutes(CAPPED, WIDER)).isEqualTo(4);
        assertThat(costs.lostMinutes(CAPPED, RESHARD)).isEqualTo(25);
        assertThat(costs.lostMinutes(null, CAPPED)).isEqualTo(12);
        assertThat(new Reconfiguration(12, 4, 25).capChangeMinutes()).isZero();
        assertThat(CAPPED.label()).isEqualTo("dp2-tp1-pp1-cap250");
        Evaluation evaluation = PlanEvaluator.evaluate(problem(costs), new Plan(new int[] {0, 1, 0, 2}));
        assertThat(evaluation.capChanges()).isEqualTo(2);
        assertThat(evaluation.dpChanges()).isEqualTo(1);
        assertThat(evaluation.resumes()).isEqualTo(1);
        assertThat(evaluation.reconfigurations()).isEqualTo(4);
        assertThat(evaluation.epochList().get(1).lostMinutes()).isEqualTo(0.5);
    }

    @Test
    void solutionFilesNameTheCapAndTheValidatorChecksIt() throws IOException {
        Problem problem = problem(new Reconfiguration(6, 3, 12, 1));
        Path file = PlanValidatorTest.writeSolution(dir, problem, new Plan(new int[] {0, 1, 1, 2}));
        String json = Files.readString(file);
        assertThat(json).contains("\"powerCapWatts\" : 250.0").contains("\"capChanges\" : 1");
        ValidationReport report = PlanValidator.validate(problem, SolutionFile.read(file));
        assertThat(report.violations()).isEmpty();
        assertThat(report.mismatches()).isEmpty();
        Files.writeString(file, json.replace("\"powerCapWatts\" : 250.0", "\"powerCapWatts\" : 300.0"));
        assertThat(PlanValidator.validate(problem, SolutionFile.read(file)).violations())
                .anyMatch(v -> v.contains("dp=2 tp=1 pp=1 powerCapWatts=300.0 is not in the instance's option table"));
        Files.writeString(file, json.replace("\"powerCapWatts\" : 250.0", "\"powerCapWatts\" : \"high\""));
        assertThatThrownBy(() -> SolutionFile.read(file)).isInstanceOf(InputException.class).hasMessageContaining("powerCapWatts");
    }

    @Test
    void handWrittenTablesMayCarryACapAndACapChangeTier() throws Exception {
        Path trace = dir.resolve("trace.csv");
        Files.writeString(trace, "time,ci\n2024-01-01T00:00:00Z,100\n2024-01-01T01:00:00Z,200\n");
        String body = """
                {"start": "2024-01-01T00:00:00Z", "epochMinutes": 60, "deadlineHours": 2, "workload": {"tokens": 1000},
                 "carbonIntensity": {"file": "trace.csv"}, "reconfiguration": {"resumeMinutes": 5, "capChangeMinutes": 0.2},
                 "options": [{"dp": 2, "tp": 1, "pp": 1, "tokensPerSecond": 10, "watts": 1000},
                             {"dp": 2, "tp": 1, "pp": 1, "tokensPerSecond": 8, "watts": 700, "powerCapWatts": %s}]}
                """;
        Path file = dir.resolve("caps.json");
        Files.writeString(file, body.formatted("250"));
        Instance instance = InstanceReader.read(file);
        assertThat(instance.optionList()).extracting(Option::powerCapWatts).containsExactly(null, 250.0);
        assertThat(instance.reconfiguration().capChangeMinutes()).isEqualTo(0.2);
        Files.writeString(file, body.formatted("250").replace("\"watts\": 1000}", "\"watts\": 1000, \"powerCapWatts\": 250}"));
        assertThatThrownBy(() -> InstanceReader.read(file)).hasMessageContaining("repeats dp=2 tp=1 pp=1 powerCapWatts=250");
        Files.writeString(file, body.formatted("-3"));
        assertThatThrownBy(() -> InstanceReader.read(file)).hasMessageContaining("options[1].powerCapWatts");
        Files.writeString(file, body.formatted("250").replace("0.2", "60"));
        assertThatThrownBy(() -> InstanceReader.read(file)).hasMessageContaining("capChangeMinutes");
    }
}
