package org.carbonaware.planner.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import org.carbonaware.planner.domain.Instance;
import org.carbonaware.planner.domain.Option;
import org.carbonaware.planner.model.Catalogue;
import org.junit.jupiter.api.Test;
import org.carbonaware.planner.common.InputException;

class GeneratedInstanceTest {

    private static final Path FILE = Path.of("test.json");

    private static String instance(String body) {
        return """
                {"start": "2023-05-08T00:00:00Z", "epochMinutes": 60, "deadlineHours": 24, "workload": {"tokens": 1e10},
                 "carbonIntensity": {"file": "trace.csv"}, %s}
                """.formatted(body);
    }

    private static InstanceReader.Loaded load(String body) throws Exception {
        JsonNode root = InstanceReader.MAPPER.readTree(instance(body));
        return InstanceReader.parseLoaded(root, FILE);
    }

    private static final String CATALOGUE_MODEL = """
            "model": "llama2-7b",
            "cluster": {"gpu": "A100-80GB", "maxGpus": 64, "powersOfTwo": true, "pue": 1.2},
            "training": {"globalBatchTokens": 1048576}
            """;

    @Test
    void catalogueModelGeneratesAParetoTableWithDeviceDefaults() throws Exception {
        InstanceReader.Loaded loaded = load(CATALOGUE_MODEL);
        Instance instance = loaded.instance();
        assertThat(loaded.generatedTable()).isNotNull();
        assertThat(instance.optionList()).hasSize(loaded.generatedTable().paretoCount()).isNotEmpty();
        assertThat(loaded.generatedTable().candidateCount()).isGreaterThan(loaded.generatedTable().feasibleCount());
        assertThat(instance.maxGpus()).isEqualTo(64);
        assertThat(instance.pue()).isEqualTo(1.2);
        assertThat(instance.embodiedGramsPerGpuHour()).isEqualTo(Catalogue.bundled().device("A100-80GB").embodiedGramsPerGpuHour());
        for (Option option : instance.optionList()) {
            assertThat(option.id()).startsWith("dp" + option.dp() + "-tp" + option.tp() + "-pp" + option.pp() + "-");
            assertThat(option.gpus()).isLessThanOrEqualTo(64);
            assertThat(Integer.bitCount(option.gpus())).isEqualTo(1);
        }
        assertThat(loaded.generatedTable().countsLine()).matches("\\d+ configurations evaluated, \\d+ fit in memory, \\d+ on the Pareto front.*");
    }

    @Test
    void inlineModelAndExplicitEmbodiedValue() throws Exception {
        Instance instance = load("""
                "model": {"id": "small", "layers": 8, "hidden": 1024, "heads": 16, "vocab": 32000, "ffn": 2816, "gatedFfn": true, "kvHeads": 4},
                "cluster": {"gpu": "H100-80GB", "maxGpus": 16},
                "training": {"globalBatchSequences": 64, "sequenceLength": 2048, "precision": "fp8"},
                "embodiedGramsPerGpuHour": 12.5
                """).instance();
        assertThat(instance.embodiedGramsPerGpuHour()).isEqualTo(12.5);
        assertThat(instance.pue()).isEqualTo(1.0);
        assertThat(instance.optionList()).isNotEmpty();
    }

    @Test
    void errorsNameTheField() {
        assertThatThrownBy(() -> load(CATALOGUE_MODEL + ", \"options\": []"))
                .isInstanceOf(InputException.class).hasMessageContaining("field 'options'").hasMessageContaining("either");
        assertThatThrownBy(() -> load(CATALOGUE_MODEL.replace("\"powersOfTwo\"", "\"powerOfTwo\"")))
                .hasMessageContaining("field 'cluster.powerOfTwo': unknown field. Maybe you meant 'powersOfTwo'?");
        assertThatThrownBy(() -> load(CATALOGUE_MODEL.replace("A100-80GB", "A100")))
                .hasMessageContaining("field 'cluster.gpu': unknown GPU 'A100'");
        assertThatThrownBy(() -> load(CATALOGUE_MODEL.replace("llama2-7b", "llama-9b")))
                .hasMessageContaining("field 'model': unknown model 'llama-9b'");
        assertThatThrownBy(() -> load(CATALOGUE_MODEL.replace("1048576", "1000000")))
                .hasMessageContaining("field 'training.globalBatchTokens': 1000000 is not a whole number of 4096-token sequences. Maybe use 999424?");
        assertThatThrownBy(() -> load(CATALOGUE_MODEL.replace("\"globalBatchTokens\": 1048576", "\"globalBatchTokens\": 1048576, \"globalBatchSequences\": 256")))
                .hasMessageContaining("field 'training.globalBatchTokens': given together with globalBatchSequences");
        assertThatThrownBy(() -> load(CATALOGUE_MODEL.replace("\"globalBatchTokens\": 1048576", "\"sequenceLength\": 4096")))
                .hasMessageContaining("field 'training.globalBatchTokens': missing");
        assertThatThrownBy(() -> load(CATALOGUE_MODEL + ", \"pue\": 1.1"))
                .hasMessageContaining("field 'cluster.pue': pue is also given at the top level");
        assertThatThrownBy(() -> load(CATALOGUE_MODEL.replace("\"globalBatchTokens\"", "\"precision\": \"fp4\", \"globalBatchTokens\"")))
                .hasMessageContaining("field 'training.precision': unknown precision 'fp4'");
        assertThatThrownBy(() -> load("""
                "model": {"id": "bad", "layers": 8, "hidden": 1000, "heads": 16, "vocab": 32000},
                "cluster": {"gpu": "H100-80GB", "maxGpus": 16}, "training": {"globalBatchSequences": 64}
                """)).hasMessageContaining("field 'model': hidden 1000 must be a multiple of heads 16");
        assertThatThrownBy(() -> load("""
                "model": "llama3-405b", "cluster": {"gpu": "V100-32GB", "maxGpus": 8}, "training": {"globalBatchSequences": 64}
                """)).hasMessageContaining("field 'cluster.maxGpus': no configuration of the model fits on up to 8 V100-32GB GPUs");
    }

    @Test
    void inlineOptionsStillWork() throws Exception {
        InstanceReader.Loaded loaded = load("\"options\": [{\"dp\": 1, \"tp\": 1, \"pp\": 1, \"tokensPerSecond\": 10, \"watts\": 100}]");
        assertThat(loaded.generatedTable()).isNull();
        assertThat(loaded.instance().optionList()).hasSize(1);
    }

    @Test
    void powerCapGridAddsCappedOptionsThatCompeteOnTheParetoFront() throws Exception {
        InstanceReader.Loaded plain = load(CATALOGUE_MODEL);
        InstanceReader.Loaded capped = load(CATALOGUE_MODEL.replace("\"pue\": 1.2}", "\"pue\": 1.2, \"powerCapsWatts\": [400, 320, 240]}"));
        InstanceReader.Loaded fractions = load(CATALOGUE_MODEL.replace("\"pue\": 1.2}", "\"pue\": 1.2, \"powerCapFractions\": [0.8, 0.6]}"));
        assertThat(capped.generatedTable().paretoCount()).isGreaterThan(plain.generatedTable().paretoCount());
        assertThat(capped.instance().optionList()).anyMatch(o -> o.id().endsWith("-cap320"));
        // 400 W is the A100's TDP, the default limit: no separate option
        assertThat(capped.instance().optionList()).noneMatch(o -> o.id().endsWith("-cap400"));
        assertThat(fractions.instance().optionList()).anyMatch(o -> o.id().endsWith("-cap320") || o.id().endsWith("-cap240"));
        // every capped option draws less than the same layout at the default limit
        for (var estimate : capped.generatedTable().estimateList()) {
            if (estimate.capped()) {
                assertThat(estimate.wattsPerGpu()).isLessThanOrEqualTo(estimate.powerCapWatts());
            }
        }
    }

    @Test
    void powerCapsOutsideTheCalibratedRangeOrGivenTwiceAreErrors() {
        assertThatThrownBy(() -> load(CATALOGUE_MODEL.replace("\"pue\": 1.2}", "\"pue\": 1.2, \"powerCapsWatts\": [300, 100]}")))
                .isInstanceOf(InputException.class).hasMessageContaining("cluster.powerCapsWatts[1]").hasMessageContaining("160-400 W");
        assertThatThrownBy(() -> load(CATALOGUE_MODEL.replace("\"pue\": 1.2}", "\"pue\": 1.2, \"powerCapFractions\": [0.2]}")))
                .hasMessageContaining("cluster.powerCapFractions[0]").hasMessageContaining("0.4-1");
        assertThatThrownBy(() -> load(CATALOGUE_MODEL.replace("\"pue\": 1.2}", "\"pue\": 1.2, \"powerCapFractions\": [0.8], \"powerCapsWatts\": [300]}")))
                .hasMessageContaining("give one of them");
        assertThatThrownBy(() -> load(CATALOGUE_MODEL.replace("\"pue\": 1.2}", "\"pue\": 1.2, \"powerCapsWatts\": [300, 300]}")))
                .hasMessageContaining("repeats 300");
    }
}
