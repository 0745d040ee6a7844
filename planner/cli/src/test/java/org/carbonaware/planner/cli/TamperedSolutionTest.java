package org.carbonaware.planner.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carbonaware.planner.cli.PlanAndValidateCommandTest.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.carbonaware.planner.app.ExitCodes;
import org.carbonaware.planner.cli.PlanAndValidateCommandTest.Run;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code validate} recomputes every figure a solution states, and checks its status against its bound. */
class TamperedSolutionTest extends TinyInstanceTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Path solution;
    private ObjectNode original;

    @BeforeEach
    void plan() throws IOException {
        solution = dir.resolve("s.json");
        Run plan = run("plan", instance.toString(), "--solver", "cpsat", "--workers", "1", "--out", solution.toString());
        assertThat(plan.exitCode()).as(plan.err()).isZero();
        original = (ObjectNode) MAPPER.readTree(solution.toFile());
        assertThat(original.get("status").asText()).isEqualTo("OPTIMAL");
    }

    /** Validates the planned solution after {@code edit}. */
    private Run validateAfter(Consumer<ObjectNode> edit) throws IOException {
        ObjectNode copy = original.deepCopy();
        edit.accept(copy);
        Path tampered = dir.resolve("tampered.json");
        MAPPER.writeValue(tampered.toFile(), copy);
        return run("validate", instance.toString(), tampered.toString());
    }

    private void assertInvalid(Run validate, String expected) {
        assertThat(validate.exitCode()).as(validate.out()).isEqualTo(ExitCodes.INFEASIBLE_OR_INVALID);
        assertThat(validate.out()).contains(expected).contains("result: INVALID");
        assertThat(validate.err().lines()).hasSize(1);
    }

    /** A running epoch: one that lost minutes when it started (the plan starts paused). */
    private int firstRunningEpoch() {
        ArrayNode epochs = (ArrayNode) original.get("epochs");
        for (int i = 0; i < epochs.size(); i++) {
            if (epochs.get(i).get("lostMinutes").asDouble() > 0) {
                return i;
            }
        }
        throw new AssertionError("the plan never resumes");
    }

    @Test
    void theUntouchedSolutionIsValid() throws IOException {
        Run validate = validateAfter(s -> { });
        assertThat(validate.exitCode()).as(validate.out()).isZero();
    }

    @Test
    void anEditedEpochLostMinutesIsAMismatch() throws IOException {
        int t = firstRunningEpoch();
        assertInvalid(validateAfter(s -> ((ObjectNode) s.get("epochs").get(t)).put("lostMinutes", 0)),
                "mismatch: epochs[" + t + "].lostMinutes");
    }

    @Test
    void editedReconfigurationKindsTokensPerKgAndWorkloadAreMismatches() throws IOException {
        Run kinds = validateAfter(s -> {
            ObjectNode k = (ObjectNode) s.get("reconfigurationKinds");
            k.put("resumes", 99).put("dpChanges", 99).put("reshards", 99);
        });
        assertInvalid(kinds, "mismatch: reconfigurationKinds.resumes");
        assertThat(kinds.out()).contains("reconfigurationKinds.dpChanges").contains("reconfigurationKinds.reshards");
        assertInvalid(validateAfter(s -> s.put("tokensPerKg", 1)), "mismatch: tokensPerKg");
        assertInvalid(validateAfter(s -> s.put("workloadTokens", 5)), "mismatch: workloadTokens");
    }

    @Test
    void anOptimalStatusNeedsABoundThatProvesIt() throws IOException {
        assertInvalid(validateAfter(s -> s.put("bestBoundKg", 0)), "violation: status: OPTIMAL, but");
        assertInvalid(validateAfter(s -> s.putNull("bestBoundKg").putNull("gap")), "violation: status: OPTIMAL without a bestBoundKg");
        double total = original.at("/objective/totalKg").asDouble();
        assertInvalid(validateAfter(s -> s.put("status", "FEASIBLE").put("bestBoundKg", 2 * total)),
                "violation: bestBoundKg: stated");
        // A FEASIBLE plan may state a loose bound; its gap must then follow from it.
        Run loose = validateAfter(s -> s.put("status", "FEASIBLE").put("bestBoundKg", total / 2).put("gap", 1.0));
        assertThat(loose.exitCode()).as(loose.out()).isZero();
        assertInvalid(validateAfter(s -> s.put("status", "FEASIBLE").put("bestBoundKg", total / 2).put("gap", 0.0)),
                "mismatch: gap");
        assertInvalid(validateAfter(s -> s.put("status", "INFEASIBLE")), "violation: status: INFEASIBLE");
    }

    @Test
    void nonNumericFiguresAreViolations() throws IOException {
        assertInvalid(validateAfter(s -> ((ObjectNode) s.get("objective")).put("totalKg", "Infinity")),
                "violation: objective.totalKg: stated value is not a finite number");
        assertInvalid(validateAfter(s -> ((ObjectNode) s.get("objective")).putNull("totalKg")),
                "violation: objective.totalKg: stated value is not a finite number");
        assertInvalid(validateAfter(s -> ((ObjectNode) s.get("epochs").get(0)).put("energyKwh", "n/a")),
                "violation: epochs[0].energyKwh");
    }

    @Test
    void aLongListOfProblemsIsCappedWithACount() throws IOException {
        Run validate = validateAfter(s -> s.get("epochs").forEach(e -> ((ObjectNode) e)
                .put("tokens", -1).put("energyKwh", -1).put("operationalKg", -1).put("embodiedKg", -1)));
        assertInvalid(validate, "mismatch: ... and 4 more (24 in all)");
        assertThat(validate.out().lines().filter(l -> l.startsWith("mismatch: epochs"))).hasSize(ValidateCommand.MAX_LINES);
    }

    @Test
    void anOptionNamedByItsIdAloneIsAccepted() throws IOException {
        String text = java.nio.file.Files.readString(instance)
                .replace("{ \"dp\": 2, \"tp\": 1, \"pp\": 1,", "{ \"id\": \"small\", \"dp\": 2, \"tp\": 1, \"pp\": 1,")
                .replace("{ \"dp\": 4, \"tp\": 1, \"pp\": 1,", "{ \"id\": \"wide\", \"dp\": 4, \"tp\": 1, \"pp\": 1,")
                .replace("{ \"dp\": 2, \"tp\": 2, \"pp\": 1,", "{ \"id\": \"tall\", \"dp\": 2, \"tp\": 2, \"pp\": 1,");
        java.nio.file.Files.writeString(instance, text);
        Run plan = run("plan", instance.toString(), "--solver", "cpsat", "--workers", "1", "--out", solution.toString());
        assertThat(plan.exitCode()).as(plan.err()).isZero();
        original = (ObjectNode) MAPPER.readTree(solution.toFile());
        Run idOnly = validateAfter(s -> s.get("epochs").forEach(e -> {
            if (e.get("option").isObject()) {
                ((ObjectNode) e).set("option", MAPPER.createObjectNode().put("id", e.get("option").get("id").asText()));
            }
        }));
        assertThat(idOnly.exitCode()).as(idOnly.out()).isZero();
        int t = firstRunningEpoch();
        assertInvalid(validateAfter(s -> ((ObjectNode) s.get("epochs").get(t)).set("option", MAPPER.createObjectNode().put("id", "nope"))),
                "id \"nope\" is not in the instance's option table");
    }
}
