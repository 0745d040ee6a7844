package org.carbonaware.planner.solve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class GapTest {

    @Test
    void isTheExcessOverTheReferenceAsAFractionOfTheReference() {
        assertThat(Gap.relative(110, 100)).isCloseTo(0.10, within(1e-15));
        assertThat(Gap.relative(3034.455, 2289.822)).isCloseTo(0.3252, within(1e-4)); // fixed-fastest vs the optimum
        assertThat(Gap.relative(90, 100)).isCloseTo(-0.10, within(1e-15)); // not clamped: a bound above the plan shows
    }

    @Test
    void floatingPointNoiseIsZeroAndMissingValuesStayMissing() {
        assertThat(Gap.relative(4358.35052 + 1e-12, 4358.35052)).isZero();
        assertThat(Gap.relative(0, 0)).isZero();
        assertThat(Gap.relative(Double.NaN, 1)).isNaN();
        assertThat(Gap.relative(1, Double.NaN)).isNaN();
        assertThat(Gap.relative(1, 0)).isInfinite();
    }
}
