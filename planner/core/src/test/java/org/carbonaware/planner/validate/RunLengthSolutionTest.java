package org.carbonaware.planner.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.carbonaware.planner.common.InputException;
import org.carbonaware.planner.domain.CarbonIntensitySource;
import org.carbonaware.planner.domain.Instance;
import org.carbonaware.planner.domain.Plan;
import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.domain.Reconfiguration;
import org.carbonaware.planner.io.SolutionFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Long plans: the solution JSON holds the run-length encoded plan only, the CSV every epoch, and both validate. */
class RunLengthSolutionTest {

    private static final int EPOCHS = SolutionFile.JSON_EPOCHS_LIMIT + 950;
    private static final int RUN_EPOCHS = 100;

    @TempDir
    Path dir;

    /** The tiny instance's options over EPOCHS hourly epochs with a varying carbon intensity. */
    private static Problem longProblem() {
        Instance instance = new Instance("long", Instant.parse("2024-01-01T00:00:00Z"), 60, EPOCHS, 1e6, 8, 1.5, 10, 100,
                new Reconfiguration(6, 3, 12), new CarbonIntensitySource(Path.of("none.csv"), null),
                List.of(TinyInstances.A, TinyInstances.B, TinyInstances.C), null);
        double[] ci = new double[EPOCHS];
        for (int t = 0; t < EPOCHS; t++) {
            ci[t] = 200 + 150 * Math.sin(t / 7.0);
        }
        return new Problem(instance, ci);
    }

    /** Runs of RUN_EPOCHS epochs cycling through option 0, option 1, a pause and option 2. */
    private static Plan longPlan() {
        int[] states = new int[EPOCHS];
        int[] cycle = {0, 1, Problem.PAUSED, 2};
        for (int t = 0; t < EPOCHS; t++) {
            states[t] = cycle[(t / RUN_EPOCHS) % cycle.length];
        }
        return new Plan(states);
    }

    @Test
    void aLongPlansJsonHoldsRunsOnlyAndValidates() throws IOException {
        Problem problem = longProblem();
        Path file = PlanValidatorTest.writeSolution(dir, problem, longPlan());
        JsonNode json = JsonMapper.builder().build().readTree(Files.readString(file));
        assertThat(json.has("epochs")).isFalse();
        JsonNode runs = json.get("runs");
        assertThat(runs).hasSize((EPOCHS + RUN_EPOCHS - 1) / RUN_EPOCHS);
        assertThat(runs.get(1).get("firstEpoch").asInt()).isEqualTo(RUN_EPOCHS);
        assertThat(runs.get(1).get("epochs").asInt()).isEqualTo(RUN_EPOCHS);
        assertThat(runs.get(1).get("option").get("dp").asInt()).isEqualTo(TinyInstances.B.dp());
        assertThat(runs.get(2).get("option").isNull()).isTrue();
        assertThat(runs.get(runs.size() - 1).get("epochs").asInt()).isEqualTo(EPOCHS % RUN_EPOCHS);
        // The CSV keeps one row per epoch (and the header); the JSON is a small fraction of it.
        assertThat(Files.readAllLines(SolutionFile.csvPath(file))).hasSize(EPOCHS + 1);
        assertThat(Files.size(file)).isLessThan(Files.size(SolutionFile.csvPath(file)) / 10);

        ValidationReport report = PlanValidator.validate(problem, SolutionFile.read(file));
        assertThat(report.violations()).isEmpty();
        assertThat(report.mismatches()).isEmpty();
        assertThat(report.evaluation().totalKg()).isEqualTo(PlanEvaluator.evaluate(problem, longPlan()).totalKg());
    }

    @Test
    void aShortPlanKeepsItsEpochsAndItsRunsAloneValidateTheSame() throws IOException {
        Problem problem = TinyInstances.problem(100_000);
        Plan plan = new Plan(new int[] {0, 1, Problem.PAUSED, 2});
        Path file = PlanValidatorTest.writeSolution(dir, problem, plan);
        JsonMapper mapper = JsonMapper.builder().build();
        ObjectNode json = (ObjectNode) mapper.readTree(Files.readString(file));
        assertThat(json.get("epochs")).hasSize(4);
        assertThat(json.get("runs")).hasSize(4);
        json.remove("epochs");
        Files.writeString(file, mapper.writeValueAsString(json));
        ValidationReport report = PlanValidator.validate(problem, SolutionFile.read(file));
        assertThat(report.violations()).isEmpty();
        assertThat(report.mismatches()).isEmpty();
    }

    @Test
    void aRunOfTheWrongLengthIsAViolationAndABrokenRunAnInputError() throws IOException {
        Problem problem = longProblem();
        Path file = PlanValidatorTest.writeSolution(dir, problem, longPlan());
        String json = Files.readString(file);
        Files.writeString(file, json.replaceFirst("\"epochs\" : 100", "\"epochs\" : 99"));
        ValidationReport report = PlanValidator.validate(problem, SolutionFile.read(file));
        assertThat(report.violations()).anyMatch(v -> v.contains("the solution has %d epochs".formatted(EPOCHS - 1)));
        assertThat(report.violations()).anyMatch(v -> v.contains("index is"));

        Files.writeString(file, json.replaceFirst("\"epochs\" : 100", "\"epochs\" : 0"));
        assertThatThrownBy(() -> SolutionFile.read(file)).isInstanceOf(InputException.class)
                .hasMessageContaining("runs[0].epochs").hasMessageContaining("Maybe");
    }
}
