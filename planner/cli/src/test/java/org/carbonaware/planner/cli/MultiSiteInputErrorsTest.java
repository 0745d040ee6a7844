package org.carbonaware.planner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.carbonaware.planner.app.ExitCodes;
import org.carbonaware.planner.cli.PlanAndValidateCommandTest.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The multi-site input errors through {@code planner plan}, on the bundled curtailment study with one field broken:
 * exit 2, one line on stderr naming the file, the field (with the site where the field is a site's) and a hint, no
 * stack trace and no solution file.
 */
class MultiSiteInputErrorsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path STUDY = Path.of("../../instances/curtail-study.json").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void duplicateSiteNames() throws IOException {
        expectBadInput(study -> ((ObjectNode) sites(study).get(1)).put("name", "CAISO_NORTH"), "sites[1].name", "CAISO_NORTH");
    }

    @Test
    void aTraceThatDoesNotCoverTheHorizon() throws IOException {
        // The study's trace ends 18 h after the start.
        expectBadInput(study -> study.put("deadlineHours", 48), "sites[CAISO_NORTH].carbonIntensity", "site \"CAISO_NORTH\"");
    }

    @Test
    void syncParametersAtOrBelowZero() throws IOException {
        expectBadInput(study -> federation(study).put("throughputFactor", 0), "federation.throughputFactor", "got 0");
        expectBadInput(study -> federation(study).put("roundMinutes", -5), "federation.roundMinutes", "got -5");
        expectBadInput(study -> bytesOverWan(study, 1.1e9, 0),
                "federation.wanGbps", "got 0");
        expectBadInput(study -> bytesOverWan(study, 0, 10),
                "federation.modelBytes", "got 0");
        expectBadInput(study -> {
            bytesOverWan(study, 1.1e9, 10);
            ((ObjectNode) sites(study).get(1)).put("wanGbps", -2);
        }, "sites[SPP_TX].wanGbps", "got -2");
    }

    @Test
    void federatedTokenEfficiencyAboveOneOrAtMostZero() throws IOException {
        for (double efficiency : new double[] {1.2, 0, -0.3}) {
            expectBadInput(study -> federation(study).put("tokenEfficiency", efficiency), "federation.tokenEfficiency", "(0, 1]");
        }
    }

    @Test
    void theUnbrokenStudyPlans() throws IOException {
        Path instance = write(study -> { });
        Path out = dir.resolve("ok.json");
        Run plan = PlanAndValidateCommandTest.run("plan", instance.toString(), "--solver", "fixed-fastest", "--out", out.toString());
        assertThat(plan.exitCode()).isZero();
        assertThat(out).exists();
    }

    private void expectBadInput(Consumer<ObjectNode> breakIt, String field, String text) throws IOException {
        Path instance = write(breakIt);
        Path out = dir.resolve("out.json");
        Run plan = PlanAndValidateCommandTest.run("plan", instance.toString(), "--solver", "fixed-fastest", "--out", out.toString());
        assertThat(plan.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(plan.err().lines()).hasSize(1);
        assertThat(plan.err()).contains("study.json").contains("'" + field + "'").contains(text).contains(". Maybe ")
                .doesNotContain("at org.");
        assertThat(out).doesNotExist();
        assertThat(dir.resolve("out.epochs.csv")).doesNotExist();
    }

    /** The bundled study with its traces named by absolute path, changed by {@code breakIt}, as study.json. */
    private Path write(Consumer<ObjectNode> breakIt) throws IOException {
        ObjectNode study = (ObjectNode) JSON.readTree(STUDY.toFile());
        for (JsonNode site : sites(study)) {
            ObjectNode source = (ObjectNode) site.get("carbonIntensity");
            source.put("file", STUDY.getParent().resolve(source.get("file").asText()).toString());
        }
        breakIt.accept(study);
        Path file = dir.resolve("study.json");
        JSON.writeValue(file.toFile(), study);
        return file;
    }

    private static ArrayNode sites(ObjectNode study) {
        return (ArrayNode) study.get("sites");
    }

    /** The synchronisation model instead of the study's throughput factor. */
    private static void bytesOverWan(ObjectNode study, double modelBytes, double wanGbps) {
        ObjectNode federation = federation(study);
        federation.remove("throughputFactor");
        federation.put("modelBytes", modelBytes).put("wanGbps", wanGbps);
    }

    private static ObjectNode federation(ObjectNode study) {
        return (ObjectNode) study.get("federation");
    }
}
