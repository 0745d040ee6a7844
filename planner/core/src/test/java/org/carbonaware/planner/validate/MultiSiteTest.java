package org.carbonaware.planner.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.carbonaware.planner.common.InputException;
import org.carbonaware.planner.domain.Instance;
import org.carbonaware.planner.domain.Plan;
import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.domain.SiteEpoch;
import org.carbonaware.planner.io.InstanceReader;
import org.carbonaware.planner.io.SolutionFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "sites" instance format and the federation semantics on a two-site example computed by hand.
 *
 * <p>Site A: 1,000 tokens/s, 2,000 W, PUE 1, provisioning 6 min at 500 W, deprovisioning 3 min at 500 W. Site B:
 * 500 tokens/s, 1,000 W, 1 GPU at 10 g/GPU-h, PUE 1.5, idle 100 W, provisioning 12 min at 200 W. Federation:
 * 3.75e9 model bytes over 1 Gbit/s = 2 × 3.75e9 × 8 / 1e9 s = 1 min of sync per 9-minute round, so the throughput
 * factor is 9/10; token efficiency 0.8; together 0.72. CI of A: 100, 200, 300; of B: 50, 50, 400.
 */
class MultiSiteTest {

    @TempDir
    Path dir;

    static final String TWO_SITES = """
            { "name": "two", "start": "2024-01-01T00:00:00Z", "epochMinutes": 60, "deadlineHours": 3,
              "workload": { "tokens": 8e6 },
              "federation": { "modelBytes": 3.75e9, "wanGbps": 1, "roundMinutes": 9, "tokenEfficiency": 0.8 },
              "sites": [
                { "name": "A", "carbonIntensity": { "file": "a.csv" },
                  "provisionMinutes": 6, "deprovisionMinutes": 3, "provisionWatts": 500,
                  "options": [ { "dp": 2, "tp": 1, "pp": 1, "tokensPerSecond": 1000, "watts": 2000 } ] },
                { "name": "B", "carbonIntensity": { "file": "b.csv" }, "pue": 1.5, "idleWatts": 100,
                  "embodiedGramsPerGpuHour": 10, "provisionMinutes": 12, "provisionWatts": 200,
                  "options": [ { "dp": 1, "tp": 1, "pp": 1, "tokensPerSecond": 500, "watts": 1000 } ] } ] }
            """;

    private Path write(String json) throws IOException {
        Files.writeString(dir.resolve("a.csv"), "t,v\n2024-01-01 00:00:00,100\n2024-01-01 01:00:00,200\n2024-01-01 02:00:00,300\n");
        Files.writeString(dir.resolve("b.csv"), "t,v\n2024-01-01 00:00:00,50\n2024-01-01 01:00:00,50\n2024-01-01 02:00:00,400\n");
        Path file = dir.resolve("two.json");
        Files.writeString(file, json);
        return file;
    }

    /** The state running A alone, both, or B alone. */
    private static int state(Problem problem, int a, int b) {
        return problem.stateOf(new int[] {a, b});
    }

    @Test
    void syncOverheadFederatedTokensAndProvisioningAsComputedByHand() throws IOException {
        Problem problem = InstanceReader.load(write(TWO_SITES));
        assertThat(problem.siteCount()).isEqualTo(2);
        assertThat(problem.stateCount()).isEqualTo(3);
        int onlyA = state(problem, 0, Problem.PAUSED);
        int both = state(problem, 0, 0);
        int onlyB = state(problem, Problem.PAUSED, 0);
        assertThat(problem.federatedFactor(new int[] {0, 0})).isCloseTo(0.72, within(1e-12));
        Evaluation e = PlanEvaluator.evaluate(problem, new Plan(new int[] {onlyA, both, onlyB}));
        // Epoch 0: A joins, loses 6 min: 1000 * 60 * 54 tokens; (2000 W * 54 + 500 W * 6) / 60 = 1.85 kWh at 100;
        // B off draws 100 W * 1.5 = 0.15 kWh at 50.
        // Epoch 1: federated (0.72): A 0.72 * 1000 * 3600; B joins, loses 12 min: 0.72 * 500 * 60 * 48;
        // A 2 kWh at 200; B (1000 * 48 + 200 * 12) / 60 * 1.5 = 1.26 kWh at 50, plus 10 g embodied.
        // Epoch 2: A leaves: 500 W for 3 min = 0.025 kWh at 300; B alone 500 * 3600 tokens, 1.5 kWh at 400 + 10 g.
        assertThat(e.epochList().stream().mapToDouble(EpochResult::tokens).toArray())
                .containsExactly(new double[] {3_240_000.0, 2_592_000.0 + 1_036_800.0, 1_800_000.0}, within(1e-6));
        assertThat(siteKwh(e, 0)).containsExactly(new double[] {1.85, 2.0, 0.025}, within(1e-12));
        assertThat(siteKwh(e, 1)).containsExactly(new double[] {0.15, 1.26, 1.5}, within(1e-12));
        assertThat(e.epochList().get(1).siteList()).extracting(SiteEpoch::lostMinutes).containsExactly(0.0, 12.0);
        assertThat(e.totalKg()).isCloseTo((185 + 7.5 + 400 + 63 + 10 + 7.5 + 600 + 10) / 1000.0, within(1e-12));
        assertThat(e.embodiedKg()).isCloseTo(0.02, within(1e-12));
        assertThat(e.energyKwh()).isCloseTo(6.785, within(1e-12));
        assertThat(e.federatedEpochs()).isEqualTo(1);
        assertThat(e.resumes()).isEqualTo(2);
        // 8e6 - 6,868,800 tokens left for B alone at 30,000 tokens/min in epoch 2.
        assertThat(e.finishHours()).isCloseTo(2 + (8e6 - 6_868_800) / 30_000 / 60, within(1e-12));
        assertThat(e.siteTotalList()).extracting(t -> t.site()).containsExactly("A", "B");
        assertThat(e.siteTotalList().get(1).joins()).isEqualTo(1);
        // The state list's accounting agrees with the site-by-site evaluation.
        double arcGrams = problem.grams(0, onlyA) + problem.transitionGrams(0, Problem.PAUSED, onlyA)
                + problem.grams(1, both) + problem.transitionGrams(1, onlyA, both)
                + problem.grams(2, onlyB) + problem.transitionGrams(2, both, onlyB);
        assertThat(arcGrams / 1000).isCloseTo(e.totalKg(), within(1e-12));
        assertThat(problem.tokens(Problem.PAUSED, onlyA) + problem.tokens(onlyA, both) + problem.tokens(both, onlyB))
                .isCloseTo(e.tokens(), within(1e-6));
    }

    private static double[] siteKwh(Evaluation evaluation, int site) {
        return evaluation.epochList().stream().mapToDouble(epoch -> epoch.siteList().get(site).energyKwh()).toArray();
    }

    @Test
    void aGivenThroughputFactorReplacesTheSyncModel() throws IOException {
        Problem problem = InstanceReader.load(write(TWO_SITES.replace(
                "\"modelBytes\": 3.75e9, \"wanGbps\": 1, \"roundMinutes\": 9", "\"throughputFactor\": 0.5")));
        assertThat(problem.federatedFactor(new int[] {0, 0})).isCloseTo(0.4, within(1e-12));
    }

    @Test
    void aSolutionFileRoundTripsThroughTheValidatorSiteBySite() throws IOException {
        Problem problem = InstanceReader.load(write(TWO_SITES));
        Plan plan = new Plan(new int[] {state(problem, 0, Problem.PAUSED), state(problem, 0, 0), state(problem, Problem.PAUSED, 0)});
        Path file = writeSolution(problem, plan);
        String json = Files.readString(file);
        assertThat(json).contains("\"sites\"").contains("\"site\" : \"B\"").contains("\"federated\" : true");
        ValidationReport report = PlanValidator.validate(problem, SolutionFile.read(file));
        assertThat(report.violations()).isEmpty();
        assertThat(report.mismatches()).isEmpty();
        Files.writeString(file, json.replaceFirst("\"lostMinutes\" : 12.0", "\"lostMinutes\" : 2.0"));
        assertThat(PlanValidator.validate(problem, SolutionFile.read(file)).mismatches())
                .singleElement().asString().startsWith("epochs[1].sites[1].lostMinutes");
        assertThat(Files.readString(SolutionFile.csvPath(file))).startsWith("index,start,site,option,")
                .contains(",B,off,").contains(",A,dp2-tp1-pp1,");
        // The run-length encoded plan alone (what long plans write) validates site by site too.
        String runsOnly = json.substring(0, json.indexOf("\"epochs\"")) + json.substring(json.indexOf("\"runs\""));
        Files.writeString(file, runsOnly);
        ValidationReport fromRuns = PlanValidator.validate(problem, SolutionFile.read(file));
        assertThat(fromRuns.violations()).isEmpty();
        assertThat(fromRuns.mismatches()).isEmpty();
        assertThat(fromRuns.evaluation().totalKg()).isEqualTo(report.evaluation().totalKg());
    }

    private Path writeSolution(Problem problem, Plan plan) {
        return PlanValidatorTest.writeSolution(dir, problem, plan);
    }

    @Test
    void theValidatorCatchesASiteRunningOutsideItsAvailability() throws IOException {
        String windows = TWO_SITES.replace("\"name\": \"B\",",
                "\"name\": \"B\", \"availability\": [ { \"from\": \"2024-01-01T01:00:00Z\", \"to\": \"2024-01-01T03:00:00Z\" } ],");
        Problem free = InstanceReader.load(write(TWO_SITES));
        Path file = writeSolution(free, new Plan(new int[] {state(free, Problem.PAUSED, 0), state(free, 0, 0), state(free, 0, 0)}));
        Problem problem = InstanceReader.load(write(windows));
        assertThat(problem.available(1, 0)).isFalse();
        assertThat(problem.available(1, 1)).isTrue();
        ValidationReport report = PlanValidator.validate(problem, SolutionFile.read(file));
        assertThat(report.violations()).singleElement().asString()
                .contains("epoch 0").contains("site \"B\" runs outside its availability");
    }

    @Test
    void aThresholdAvailabilityDerivesTheWindowsFromTheSitesOwnTraceWithHysteresis() throws IOException {
        // A's CI is 100, 200, 300 (hourly samples; the trace covers until 03:00). Below 150 at 00:00 opens a window;
        // from 01:00 the signal stays above. Without hysteresis the window closes at 01:00: A may run in epoch 0 only.
        // With 90 minutes it closes at 02:30, so epoch 1 lies inside too but epoch 2 (02:00-03:00) not wholly.
        for (int hysteresis : new int[] {0, 90}) {
            String rule = TWO_SITES.replace("\"name\": \"A\",", ("\"name\": \"A\", \"availability\": "
                    + "{ \"thresholdGramsPerKwh\": 150, \"hysteresisMinutes\": %d },").formatted(hysteresis));
            Problem problem = InstanceReader.load(write(rule));
            boolean[] available = {problem.available(0, 0), problem.available(0, 1), problem.available(0, 2)};
            assertThat(available).as("hysteresis %d", hysteresis)
                    .containsExactly(hysteresis == 0 ? new boolean[] {true, false, false} : new boolean[] {true, true, false});
            // B keeps no availability rule.
            assertThat(problem.available(1, 2)).isTrue();
        }
    }

    @Test
    void capacityLimitsAreEnforcedInTheStateListAndByTheValidator() throws IOException {
        Problem problem = InstanceReader.load(write(TWO_SITES.replace("\"workload\"", "\"maxActiveSites\": 1, \"workload\"")));
        assertThat(problem.stateCount()).isEqualTo(2);
        assertThat(problem.stateOf(new int[] {0, 0})).isNegative().isNotEqualTo(Problem.PAUSED);
        Problem free = InstanceReader.load(write(TWO_SITES));
        Path file = writeSolution(free, new Plan(new int[] {state(free, 0, 0), state(free, 0, 0), state(free, 0, 0)}));
        assertThat(PlanValidator.validate(problem, SolutionFile.read(file)).violations())
                .anyMatch(v -> v.contains("2 sites run, more than maxActiveSites=1"));
    }

    @Test
    void theMainJobWrittenAsOneSiteHasTheClassicFilesStatesTokensAndGrams() throws IOException {
        Path classic = Path.of("../../instances/de-week.json");
        ObjectNode root = (ObjectNode) new ObjectMapper().readTree(Files.readString(classic));
        ObjectNode site = root.objectNode();
        site.put("name", "DE");
        for (String field : fieldNames(root)) {
            if (!List.of("name", "start", "epochMinutes", "deadlineHours", "workload").contains(field)) {
                site.set(field, root.remove(field));
            }
        }
        ((ObjectNode) site.get("carbonIntensity")).put("file", classic.toAbsolutePath().getParent()
                .resolve(site.get("carbonIntensity").get("file").asText()).normalize().toString());
        root.putArray("sites").add(site);
        Path sites = dir.resolve("de-week.json");
        Files.writeString(sites, root.toString());
        Problem a = InstanceReader.load(classic);
        Problem b = InstanceReader.load(sites);
        assertThat(b.siteCount()).isEqualTo(1);
        assertThat(b.stateCount()).isEqualTo(a.stateCount());
        for (int from = Problem.PAUSED; from < a.stateCount(); from++) {
            for (int to = Problem.PAUSED; to < a.stateCount(); to++) {
                assertThat(b.tokens(from, to)).isEqualTo(a.tokens(from, to));
                assertThat(b.transitionGrams(0, from, to)).isZero();
            }
        }
        for (int t = 0; t < a.epochCount(); t++) {
            for (int s = Problem.PAUSED; s < a.stateCount(); s++) {
                assertThat(b.grams(t, s)).isEqualTo(a.grams(t, s));
            }
        }
    }

    private static List<String> fieldNames(ObjectNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void badSiteFieldsAreOneLineErrorsNamingTheSiteAndField() throws IOException {
        expectError(TWO_SITES.replace("\"name\": \"B\"", "\"name\": \"A\""), "sites[1].name", "already sites[0]");
        expectError(TWO_SITES.replace("\"wanGbps\": 1", "\"wanGbps\": 0"), "federation.wanGbps", "must be > 0");
        expectError(TWO_SITES.replace("\"modelBytes\": 3.75e9", "\"modelBytes\": -1"), "federation.modelBytes", "must be > 0");
        expectError(TWO_SITES.replace("\"tokenEfficiency\": 0.8", "\"tokenEfficiency\": 1.2"), "federation.tokenEfficiency", "(0, 1]");
        expectError(TWO_SITES.replace("\"tokenEfficiency\": 0.8", "\"tokenEfficiency\": 0"), "federation.tokenEfficiency", "(0, 1]");
        expectError(TWO_SITES.replace("\"roundMinutes\": 9", "\"roundMinutes\": 0"), "federation.roundMinutes", "must be > 0");
        expectError(TWO_SITES.replace("\"modelBytes\": 3.75e9, \"wanGbps\": 1, \"roundMinutes\": 9", "\"throughputFactor\": 0"),
                "federation.throughputFactor", "(0, 1]");
        expectError(TWO_SITES.replace("\"provisionMinutes\": 12", "\"provisionMinutes\": 60"), "sites[B].provisionMinutes", "shorter than the 60-minute epoch");
        expectError(TWO_SITES.replace("\"pue\": 1.5,", "\"pue\": 1.5, \"wanGbps\": -2,"), "sites[B].wanGbps", "must be > 0");
        Path shortTrace = write(TWO_SITES);
        Files.writeString(dir.resolve("b.csv"), "t,v\n2024-01-01 00:00:00,50\n2024-01-01 01:00:00,50\n");
        assertThatThrownBy(() -> InstanceReader.load(shortTrace)).isInstanceOf(InputException.class)
                .hasMessageContaining("site \"B\"").hasMessageContaining("sites[B].carbonIntensity")
                .hasMessageContaining("covers").hasMessageContaining(". Maybe ").hasMessageNotContaining("\n");
    }

    private void expectError(String json, String field, String text) throws IOException {
        Path file = write(json);
        assertThatThrownBy(() -> InstanceReader.read(file)).isInstanceOf(InputException.class)
                .hasMessageContaining("two.json").hasMessageContaining(field).hasMessageContaining(text)
                .hasMessageContaining(". Maybe ").hasMessageNotContaining("\n");
    }

    @Test
    void theBundledCurtailmentStudyHasTheStudysFigures() {
        Problem problem = InstanceReader.load(Path.of("../../instances/curtail-study.json"));
        assertThat(problem.siteCount()).isEqualTo(3);
        assertThat(problem.instance().siteList()).extracting(s -> s.name()).containsExactly("CAISO_NORTH", "SPP_TX", "NEM_SA");
        assertThat(problem.epochCount()).isEqualTo(108);
        assertThat(problem.workloadTokens()).isEqualTo(524_288.0 * 23_400);
        // Three sites alone and three pairs: at most two sites at once.
        assertThat(problem.stateCount()).isEqualTo(6);
        assertThat(problem.federatedFactor(new int[] {0, 0, Problem.PAUSED})).isEqualTo(0.8);
        // The first epoch's MOER is the mean of the trace's 17:00 and 17:05 samples.
        assertThat(problem.carbonIntensity(0, 0)).isCloseTo((463.571024 + 68.945984) / 2, within(1e-6));
        // Joining: 5.7 minutes at 468 W, then 2,024 W.
        assertThat(problem.siteEnergyKwh(0, Problem.PAUSED, 0)).isCloseTo((468 * 5.7 + 2024 * 4.3) / 60 / 1000, within(1e-12));
        assertThat(problem.siteEnergyKwh(0, Problem.PAUSED, Problem.PAUSED)).isZero();
    }

    @Test
    void aClassicInstanceIsOneSite() throws IOException {
        Instance instance = InstanceReader.read(Path.of("../../instances/de-week.json"));
        assertThat(instance.siteCount()).isEqualTo(1);
        assertThat(instance.maxActiveSites()).isEqualTo(1);
        assertThat(instance.maxTotalGpus()).isEqualTo(instance.site(0).maxGpus());
    }
}
