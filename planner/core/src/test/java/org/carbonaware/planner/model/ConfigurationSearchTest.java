package org.carbonaware.planner.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ConfigurationSearchTest {

    private final Catalogue catalogue = Catalogue.bundled();

    private static Estimate fake(int dp, int gpus, double tokensPerSecond, double watts) {
        ParallelConfig c = new ParallelConfig(dp, 1, gpus / dp, 1);
        return new Estimate(c, Double.NaN, true, List.of(), gpus, new Memory(0, 0, 0, 0, 1), new StepTime(1, 1, 0, 0, 0, 0, 0, 0, 0),
                new Throughput(tokensPerSecond, 0.5, 100), new Power(1, 0.5, watts / gpus, watts), 0);
    }

    @Test
    void paretoFrontDropsExactlyTheDominatedOptions() {
        Estimate a = fake(4, 4, 100, 1000);
        Estimate slowerSameGpusMoreWatts = fake(2, 4, 90, 1100);
        Estimate slowerCheaper = fake(1, 4, 90, 900);
        Estimate moreGpusFaster = fake(8, 8, 180, 2000);
        Estimate moreGpusSlower = fake(4, 8, 99, 1000);
        Estimate duplicate = fake(4, 4, 100, 1000);
        List<Estimate> front = ConfigurationSearch.paretoFront(List.of(a, slowerSameGpusMoreWatts, slowerCheaper, moreGpusFaster,
                moreGpusSlower, duplicate));
        assertThat(front).containsExactly(slowerCheaper, a, moreGpusFaster);
    }

    @Test
    void generatedTableIsAParetoFrontWithUniqueIdsAndCounts() {
        ModelSpec model = catalogue.model("llama2-13b");
        DeviceSpec device = catalogue.device("A100-80GB");
        TrainingSpec training = new TrainingSpec(256, 4096);
        OptionTable table = OptionTable.generate(model, device, training, new SearchSettings(64));
        assertThat(table.candidateCount()).isGreaterThan(table.feasibleCount());
        assertThat(table.feasibleCount()).isGreaterThan(table.paretoCount());
        assertThat(table.paretoCount()).isPositive();
        List<Estimate> front = table.estimateList();
        for (Estimate x : front) {
            assertThat(x.fits()).isTrue();
            for (Estimate y : front) {
                if (x != y) {
                    assertThat(ConfigurationSearch.dominatesOrEquals(y, x)).as(y.config().id() + " dominates " + x.config().id()).isFalse();
                }
            }
        }
        Set<String> ids = new HashSet<>();
        table.optionList().forEach(o -> assertThat(ids.add(o.id())).isTrue());
        // Every option matches its estimate and the model alone (re-evaluated).
        for (int i = 0; i < front.size(); i++) {
            Estimate again = AnalyticModel.estimate(model, device, training, front.get(i).config());
            assertThat(again.tokensPerSecond()).isEqualTo(table.optionList().get(i).tokensPerSecond());
            assertThat(again.watts()).isEqualTo(table.optionList().get(i).watts());
        }
    }

    @Test
    void keepingEveryKnobSettingCanShareALayoutAndStillHasNoDominatedOption() {
        ModelSpec model = catalogue.model("llama2-7b");
        DeviceSpec device = catalogue.device("H100-80GB");
        TrainingSpec training = new TrainingSpec(128, 4096);
        OptionTable all = OptionTable.generate(model, device, training, new SearchSettings(32, 1, true, 16, 8, false));
        OptionTable fastest = OptionTable.generate(model, device, training, new SearchSettings(32, 1, true, 16, 8, true));
        assertThat(all.paretoCount()).isGreaterThan(fastest.paretoCount());
        List<String> layouts = new ArrayList<>();
        all.optionList().forEach(o -> layouts.add(o.dp() + "/" + o.tp() + "/" + o.pp()));
        assertThat(new HashSet<>(layouts)).as("several options share a layout").hasSizeLessThan(layouts.size());
        all.optionList().forEach(o -> assertThat(Integer.bitCount(o.gpus())).isEqualTo(1));
        // The per-layout fastest table is a subset of the full search: each of its options is on the full front or dominated by it.
        for (Estimate e : fastest.estimateList()) {
            assertThat(all.estimateList()).anySatisfy(f -> assertThat(ConfigurationSearch.dominatesOrEquals(f, e)).isTrue());
        }
        assertThat(all.estimateList().getLast().tokensPerSecond()).isEqualTo(fastest.estimateList().getLast().tokensPerSecond());
    }

    @Test
    void fastestPicksTheBestMicroBatchAndInterleave() {
        ModelSpec model = catalogue.model("gpt3-175b");
        DeviceSpec device = catalogue.device("A100-80GB");
        TrainingSpec training = new TrainingSpec(1536, 2048, Precision.BF16, false, false);
        ParallelConfig base = new ParallelConfig(6, 8, 8, 1, 1, 0, Recompute.FULL, false, 1);
        Estimate best = ConfigurationSearch.fastest(model, device, training, base, true, true).orElseThrow();
        for (int mb : new int[] {1, 2, 4}) {
            for (int v : new int[] {1, 2, 3, 4}) {
                Estimate e = AnalyticModel.estimate(model, device, training, base.withMicroBatch(mb).withInterleave(v));
                if (e.fits()) {
                    assertThat(best.tokensPerSecond()).isGreaterThanOrEqualTo(e.tokensPerSecond());
                }
            }
        }
    }
}
