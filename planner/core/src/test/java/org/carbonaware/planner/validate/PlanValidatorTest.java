package org.carbonaware.planner.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.carbonaware.planner.domain.Plan;
import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.io.SolutionFile;
import org.carbonaware.planner.solve.SolveResult;
import org.carbonaware.planner.solve.SolveStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanValidatorTest {

    @TempDir
    Path dir;

    private Path writeSolution(Problem problem, Plan plan) {
        return writeSolution(dir, problem, plan);
    }

    /** Writes the plan's solution file (and CSV) as {@code plan} would, into {@code dir}/solution.json. */
    static Path writeSolution(Path dir, Problem problem, Plan plan) {
        Evaluation evaluation = PlanEvaluator.evaluate(problem, plan);
        SolveResult result = new SolveResult("test", "1", SolveStatus.FEASIBLE, plan, evaluation.totalKg(), Double.NaN, 0,
                Double.NaN, 1, 1, null, null);
        Path file = dir.resolve("solution.json");
        SolutionFile.write(file, problem, result, evaluation);
        return file;
    }

    @Test
    void aStoredSolutionUsingAForbiddenStateIsAViolation() {
        Problem plain = TinyInstances.problem(1);
        Path file = writeSolution(plain, new Plan(new int[] {0, 0, 2, Problem.PAUSED}));
        ValidationReport report = PlanValidator.validate(TinyInstances.withStateRules(1), SolutionFile.read(file));
        assertThat(report.violations()).singleElement().asString().contains("epoch 2").contains("not allowed");
        assertThat(report.evaluation()).isNotNull();
    }

    @Test
    void writtenSolutionValidatesAndHasItsCsv() {
        Problem problem = TinyInstances.problem(100_000);
        Path file = writeSolution(problem, new Plan(new int[] {0, 1, Problem.PAUSED, 2}));
        ValidationReport report = PlanValidator.validate(problem, SolutionFile.read(file));
        assertThat(report.violations()).isEmpty();
        assertThat(report.mismatches()).isEmpty();
        assertThat(SolutionFile.csvPath(file)).exists();
    }

    @Test
    void tamperedTotalsAreMismatches() throws IOException {
        Problem problem = TinyInstances.problem(100_000);
        Path file = writeSolution(problem, new Plan(new int[] {0, 1, Problem.PAUSED, 2}));
        String json = Files.readString(file).replace("\"totalKg\" : 1.415", "\"totalKg\" : 1.2");
        Files.writeString(file, json);
        ValidationReport report = PlanValidator.validate(problem, SolutionFile.read(file));
        assertThat(report.feasible()).isTrue();
        assertThat(report.passed()).isFalse();
        assertThat(report.mismatches()).anyMatch(m -> m.startsWith("objective.totalKg"));
    }

    @Test
    void tamperedOptionsAndShortPlansAreViolations() throws IOException {
        Problem problem = TinyInstances.problem(100_000);
        Path file = writeSolution(problem, new Plan(new int[] {0, 1, Problem.PAUSED, 2}));
        // dp=4 tp=1 pp=1 becomes dp=64, which is not in the table; the plan then falls short of the workload.
        String json = Files.readString(file).replaceFirst("\"dp\" : 4", "\"dp\" : 64");
        Files.writeString(file, json);
        ValidationReport report = PlanValidator.validate(problem, SolutionFile.read(file));
        assertThat(report.violations()).anyMatch(v -> v.contains("dp=64 tp=1 pp=1 is not in the instance's option table"));
        assertThat(report.violations()).anyMatch(v -> v.contains("short of the workload"));
    }

    @Test
    void wrongEpochCountIsAViolation() throws IOException {
        Problem problem = TinyInstances.problem(10);
        Path file = writeSolution(problem, new Plan(new int[] {0, 0, 0, 0}));
        Problem longer = new Problem(problem.instance().withDeadlineHours(5), new double[] {1, 1, 1, 1, 1});
        ValidationReport report = PlanValidator.validate(longer, SolutionFile.read(file));
        assertThat(report.violations()).anyMatch(v -> v.contains("has 4 epochs but the instance has 5"));
    }
}
