package org.carbonaware.planner.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.carbonaware.planner.domain.Instance;
import org.carbonaware.planner.domain.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.carbonaware.planner.common.InputException;

class InstanceReaderTest {

    @TempDir
    Path dir;

    static final String VALID = """
            { "name": "tiny", "start": "2024-01-01T00:00:00Z", "epochMinutes": 60, "deadlineHours": 3,
              "workload": { "tokens": 1e5 }, "maxGpus": 4, "pue": 1.2, "embodiedGramsPerGpuHour": 9,
              "reconfiguration": { "resumeMinutes": 6, "dpChangeMinutes": 3, "reshardMinutes": 12 },
              "carbonIntensity": { "file": "ci.csv" },
              "options": [ { "dp": 2, "tp": 1, "pp": 1, "gpus": 2, "tokensPerSecond": 10, "watts": 1000 },
                           { "dp": 8, "tp": 1, "pp": 1, "tokensPerSecond": 30, "watts": 4000 } ] }
            """;

    private Path instance(String json) throws IOException {
        Files.writeString(dir.resolve("ci.csv"), "t,v\n2024-01-01 00:00:00,100\n2024-01-01 01:00:00,200\n2024-01-01 02:00:00,300\n");
        Path file = dir.resolve("instance.json");
        Files.writeString(file, json);
        return file;
    }

    @Test
    void readsTheContractFieldsAndDefaults() throws IOException {
        Instance instance = InstanceReader.read(instance(VALID));
        assertThat(instance.name()).isEqualTo("tiny");
        assertThat(instance.start()).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
        assertThat(instance.epochCount()).isEqualTo(3);
        assertThat(instance.idleWatts()).isZero();
        assertThat(instance.optionList()).hasSize(2);
        assertThat(instance.optionList().get(1).gpus()).isEqualTo(8);
        assertThat(instance.allowedOptionList()).hasSize(1);
        Problem problem = InstanceReader.resolve(instance);
        assertThat(problem.carbonIntensities()).containsExactly(100, 200, 300);
        assertThat(problem.optionCount()).isEqualTo(1);
    }

    @Test
    void unknownFieldIsAnErrorWithASpellingHint() throws IOException {
        Path file = instance(VALID.replace("\"pue\"", "\"peu\""));
        assertThatThrownBy(() -> InstanceReader.read(file)).isInstanceOf(InputException.class)
                .hasMessageContaining("instance.json").hasMessageContaining("'peu'").hasMessageContaining("Maybe you meant 'pue'");
        Path nested = instance(VALID.replace("\"resumeMinutes\"", "\"resumeMinute\""));
        assertThatThrownBy(() -> InstanceReader.read(nested)).isInstanceOf(InputException.class)
                .hasMessageContaining("reconfiguration.resumeMinute");
    }

    @Test
    void missingAndMistypedFieldsAreNamed() throws IOException {
        assertThatThrownBy(() -> InstanceReader.read(instance(VALID.replace("\"epochMinutes\": 60,", ""))))
                .isInstanceOf(InputException.class).hasMessageContaining("'epochMinutes'").hasMessageContaining("missing");
        assertThatThrownBy(() -> InstanceReader.read(instance(VALID.replace("\"tokens\": 1e5", "\"tokens\": \"many\""))))
                .isInstanceOf(InputException.class).hasMessageContaining("'workload.tokens'");
        assertThatThrownBy(() -> InstanceReader.read(instance(VALID.replace("\"watts\": 1000", "\"watts\": -1"))))
                .isInstanceOf(InputException.class).hasMessageContaining("'options[0].watts'");
        assertThatThrownBy(() -> InstanceReader.read(instance(VALID.replace("2024-01-01T00:00:00Z", "yesterday"))))
                .isInstanceOf(InputException.class).hasMessageContaining("'start'");
    }

    @Test
    void lostMinutesOfAWholeEpochAreAnInputError() throws IOException {
        assertThatThrownBy(() -> InstanceReader.read(instance(VALID.replace("\"reshardMinutes\": 12", "\"reshardMinutes\": 60"))))
                .isInstanceOf(InputException.class).hasMessageContaining("reconfiguration.reshardMinutes")
                .hasMessageContaining("shorter than the 60-minute epoch");
    }

    @Test
    void optionTablesMustBeUsableAndUnambiguous() throws IOException {
        assertThatThrownBy(() -> InstanceReader.read(instance(VALID.replace("\"maxGpus\": 4", "\"maxGpus\": 1"))))
                .isInstanceOf(InputException.class).hasMessageContaining("'maxGpus'");
        String duplicate = VALID.replace("{ \"dp\": 8, \"tp\": 1, \"pp\": 1,", "{ \"dp\": 2, \"tp\": 1, \"pp\": 1,");
        assertThatThrownBy(() -> InstanceReader.read(instance(duplicate)))
                .isInstanceOf(InputException.class).hasMessageContaining("options[1]").hasMessageContaining("id");
    }

    @Test
    void invalidJsonNamesLineAndColumn() throws IOException {
        assertThatThrownBy(() -> InstanceReader.read(instance("{ \"name\": \"x\",\n  oops }")))
                .isInstanceOf(InputException.class).hasMessageMatching(".*instance.json:2:\\d+: not valid JSON.*");
    }

    @Test
    void traceThatDoesNotCoverTheHorizonIsAnError() throws IOException {
        Instance instance = InstanceReader.read(instance(VALID.replace("\"deadlineHours\": 3", "\"deadlineHours\": 5")));
        assertThatThrownBy(() -> InstanceReader.resolve(instance)).isInstanceOf(InputException.class)
                .hasMessageContaining("ci.csv").hasMessageContaining("covers");
    }

    @Test
    void bundledInstancesLoad() {
        for (String name : new String[] {"de-week", "ciso-week", "gb-week"}) {
            Problem problem = InstanceReader.load(Path.of("../../instances/" + name + ".json"));
            assertThat(problem.epochCount()).isEqualTo(168);
            assertThat(problem.optionCount()).isEqualTo(12);
        }
    }
}
