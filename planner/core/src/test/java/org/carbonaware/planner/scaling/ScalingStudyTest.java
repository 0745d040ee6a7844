package org.carbonaware.planner.scaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Optional;

import org.carbonaware.planner.model.Catalogue;
import org.carbonaware.planner.model.DeviceSpec;
import org.carbonaware.planner.model.Estimate;
import org.carbonaware.planner.model.ModelSpec;
import org.carbonaware.planner.model.Precision;
import org.carbonaware.planner.model.TrainingSpec;
import org.junit.jupiter.api.Test;

class ScalingStudyTest {

    private static final DeviceSpec B100 = Catalogue.bundled().device("B100");

    private static ScalingSettings settings(double gramsPerKwh, List<Integer> projection, boolean qat) {
        return new ScalingSettings(List.of("B100"), 256, 384, 90, gramsPerKwh, 1.1, 6, projection, 0.10, qat,
                BatchScaling.STANDARD, 2048);
    }

    @Test
    void projectionAppliesTableTwoRatesAndEuvGrowsCarbonPerArea() {
        DeviceSpec plain = HardwareVariants.project(B100, 5, 0, "p");
        DeviceSpec euv = HardwareVariants.project(B100, 5, 0.10, "e");
        assertThat(plain.peakTflops()).isCloseTo(B100.peakTflops() * Math.pow(1.3, 5), within(1e-6));
        assertThat(plain.memoryGiB()).isCloseTo(B100.memoryGiB() * Math.pow(1.24, 5), within(1e-6));
        assertThat(plain.hbmGBps()).isCloseTo(B100.hbmGBps() * Math.pow(1.25, 5), within(1e-6));
        assertThat(plain.nvlinkGBps()).isCloseTo(B100.nvlinkGBps() * Math.pow(1.11, 5), within(1e-6));
        assertThat(plain.tdpWatts()).isCloseTo(B100.tdpWatts() * Math.pow(1.03, 5), within(1e-6));
        assertThat(plain.dieAreaMm2()).isCloseTo(B100.dieAreaMm2() * Math.pow(1.05, 5), within(1e-6));
        assertThat(plain.logicKgPerCm2()).isEqualTo(B100.logicKgPerCm2());
        assertThat(euv.logicKgPerCm2()).isCloseTo(B100.logicKgPerCm2() * Math.pow(1.1, 5), within(1e-9));
        assertThat(euv.chipEmbodiedKg()).isCloseTo(plain.chipEmbodiedKg() * Math.pow(1.1, 5), within(1e-6));
    }

    @Test
    void qatDoublesRatesAndCapacityButKeepsPowerAndEmbodiedCarbon() {
        DeviceSpec qat = HardwareVariants.qat(B100);
        assertThat(qat.peakFlops(Precision.BF16)).isCloseTo(2 * B100.peakFlops(Precision.BF16), within(1.0));
        assertThat(qat.memoryGiB()).isEqualTo(2 * B100.memoryGiB());
        assertThat(qat.nvlinkGBps()).isEqualTo(2 * B100.nvlinkGBps());
        assertThat(qat.tdpWatts()).isEqualTo(B100.tdpWatts());
        assertThat(qat.chipEmbodiedKg()).isCloseTo(B100.chipEmbodiedKg(), within(1e-9));
    }

    @Test
    void searchReturnsTheMinimalLadderCountThatMeetsTheDeadline() {
        ModelSpec model = ScalingLaws.architecture(4096, 2048);
        double tokens = ScalingLaws.chinchillaTokens(model);
        TrainingSpec training = new TrainingSpec(1024, 2048, Precision.BF16, true, false);
        Optional<DeviceSearch.Found> relaxed = DeviceSearch.search(model, B100, training, tokens, 90);
        Optional<DeviceSearch.Found> tight = DeviceSearch.search(model, B100, training, tokens, 5);
        assertThat(relaxed).isPresent();
        assertThat(tight).isPresent();
        assertThat(relaxed.get().days()).isLessThanOrEqualTo(90);
        assertThat(tight.get().days()).isLessThanOrEqualTo(5);
        assertThat(tight.get().estimate().gpus()).isGreaterThan(relaxed.get().estimate().gpus());
        assertThat(tight.get().estimate().fits()).isTrue();
        // the next smaller count of the ladder has no fitting layout or cannot meet the tight deadline
        int gpus = tight.get().estimate().gpus();
        int smaller = DeviceSearch.ladderFrom(1).headSet(gpus).last();
        Optional<Estimate> below = DeviceSearch.fastestAt(model, B100, training, smaller, new long[1]);
        assertThat(below.isEmpty() || tokens / below.get().tokensPerSecond() / 86_400 > 5).isTrue();
        assertThat(DeviceSearch.ladderFrom(5).first()).isEqualTo(6);
        assertThat(DeviceSearch.ladderFrom(6.5).first()).isEqualTo(8);
    }

    @Test
    void carbonIsOperationalPlusEmbodiedAndOperationalScalesWithIntensity() {
        ScalingRow medium = ScalingStudy.evaluate(settings(323, List.of(), false), B100, 384);
        ScalingRow clean = ScalingStudy.evaluate(settings(2.73, List.of(), false), B100, 384);
        assertThat(medium.feasible()).isTrue();
        assertThat(medium.totalKg()).isCloseTo(medium.operationalKg() + medium.embodiedKg(), within(1e-12));
        assertThat(clean.operationalKg() / medium.operationalKg()).isCloseTo(2.73 / 323, within(1e-9));
        assertThat(clean.embodiedKg()).isCloseTo(medium.embodiedKg(), within(1e-12));
        assertThat(clean.embodiedShare()).isGreaterThan(medium.embodiedShare());
        assertThat(medium.idealKg()).isLessThan(medium.operationalKg());
        double hours = medium.days() * 24;
        double wattsPerDevice = B100.idleWatts() + (B100.tdpWatts() - B100.idleWatts()) * medium.activity()
                + B100.hostWattsPerNode() / B100.gpusPerNode();
        assertThat(medium.energyMwh()).isCloseTo(medium.devices() * wattsPerDevice * hours * 1.1 / 1e6, within(1e-9 * medium.energyMwh()));
        assertThat(medium.operationalKg()).isCloseTo(medium.energyMwh() * 1000 * 323 / 1000, within(1e-9 * medium.operationalKg()));
        assertThat(medium.embodiedKg()).isCloseTo(medium.devices() * B100.embodiedGramsPerGpuHour() * hours / 1000, within(1e-9));
    }

    @Test
    void studyListsProjectionsWithAndWithoutEuvAndQatVariants() {
        ScalingStudy.Result result = ScalingStudy.run(settings(323, List.of(5), true), Catalogue.bundled(), line -> { });
        assertThat(result.variants().stream().map(DeviceSpec::id))
                .containsExactly("B100", "B100+QAT", "B100+5y", "B100+5y+QAT", "B100+5y-EUV", "B100+5y-EUV+QAT");
        assertThat(result.rows()).hasSize(12);
        assertThat(result.fits().stream().filter(f -> f.curve().equals("total"))).hasSize(6);
    }
}
