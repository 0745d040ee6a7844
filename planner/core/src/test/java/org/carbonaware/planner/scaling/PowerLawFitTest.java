package org.carbonaware.planner.scaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;

import org.junit.jupiter.api.Test;

class PowerLawFitTest {

    @Test
    void recoversKAndAlphaFromExactData() {
        double[] x = {1e1, 1e3, 1e5, 1e7, 1e9};
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = 4.2 * Math.pow(x[i], -0.057);
        }
        PowerLawFit fit = PowerLawFit.fit(x, y);
        assertThat(fit.k()).isCloseTo(4.2, within(1e-9));
        assertThat(fit.alpha()).isCloseTo(0.057, within(1e-12));
        assertThat(fit.rSquared()).isCloseTo(1.0, within(1e-12));
        assertThat(fit.predict(1e4)).isCloseTo(4.2 * Math.pow(1e4, -0.057), within(1e-9));
    }

    @Test
    void recoversKAndAlphaFromNoisyData() {
        Random random = new Random(42);
        int n = 200;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = Math.pow(10, 12.0 * random.nextDouble());
            y[i] = 3.0 * Math.pow(x[i], -0.08) * Math.exp(0.01 * random.nextGaussian());
        }
        PowerLawFit fit = PowerLawFit.fit(x, y);
        assertThat(fit.k()).isCloseTo(3.0, within(0.03));
        assertThat(fit.alpha()).isCloseTo(0.08, within(0.001));
        assertThat(fit.rSquared()).isGreaterThan(0.98).isLessThan(1.0);
        assertThat(fit.points()).isEqualTo(n);
    }

    @Test
    void rejectsTooFewOrNonPositivePoints() {
        assertThatThrownBy(() -> PowerLawFit.fit(new double[] {1}, new double[] {1})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PowerLawFit.fit(new double[] {1, -2}, new double[] {1, 1})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PowerLawFit.fit(new double[] {2, 2}, new double[] {1, 3})).isInstanceOf(IllegalArgumentException.class);
    }
}
