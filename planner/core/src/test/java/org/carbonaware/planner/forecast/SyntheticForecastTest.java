package org.carbonaware.planner.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.carbonaware.planner.common.InputException;
import org.carbonaware.planner.domain.ForecastSource;
import org.carbonaware.planner.domain.Problem;
import org.junit.jupiter.api.Test;

class SyntheticForecastTest {

    private final Problem grid = ForecastFixtures.problem(ForecastFixtures.trace(24 * 90), 60, 24 * 80);

    @Test
    void theCalibratedProcessHasTheGivenSigmaAtOneAndTwentyFourHours() {
        for (int epochMinutes : new int[] {60, 15}) {
            Problem problem = ForecastFixtures.problem(ForecastFixtures.trace(24 * 10), epochMinutes, 24 * 60 / epochMinutes);
            SyntheticForecast forecast = new SyntheticForecast(new ForecastSource.Synthetic(1, 0.03, 0.10, 1, 24), problem, "f");
            double steps = 60.0 / epochMinutes;
            assertThat(forecast.sigmaAt(steps)).isCloseTo(0.03, within(1e-9));
            assertThat(forecast.sigmaAt(24 * steps)).isCloseTo(0.10, within(1e-9));
            assertThat(forecast.phi()).isBetween(0.0, 1.0);
        }
        // A ratio above the random walk's sqrt(24) needs phi > 1; it is still solved exactly.
        SyntheticForecast steep = new SyntheticForecast(new ForecastSource.Synthetic(1, 0.01, 0.2, 1, 24), grid, "f");
        assertThat(steep.sigmaAt(24)).isCloseTo(0.2, within(1e-9));
        assertThat(steep.phi()).isGreaterThan(1);
    }

    @Test
    void theEmpiricalErrorSpreadGrowsWithLeadAsCalibrated() {
        // One issue a day for 80 days; lead 1 and lead 24 relative errors.
        SyntheticForecast forecast = new SyntheticForecast(new ForecastSource.Synthetic(7, 0.03, 0.10, 24, 24), grid, "f");
        double sum1 = 0;
        double sum24 = 0;
        int issues = 0;
        for (int day = 0; day < 80; day++) {
            double[] values = forecast.latest(grid, day * 24).gramsPerKwh();
            double e1 = values[0] / grid.carbonIntensity(day * 24) - 1;
            double e24 = values[23] / grid.carbonIntensity(day * 24 + 23) - 1;
            sum1 += e1 * e1;
            sum24 += e24 * e24;
            issues++;
        }
        // 80 draws: the sample sigma is within about ±16 % (2 standard errors) of the true one.
        assertThat(Math.sqrt(sum1 / issues)).isBetween(0.03 * 0.75, 0.03 * 1.25);
        assertThat(Math.sqrt(sum24 / issues)).isBetween(0.10 * 0.75, 0.10 * 1.25);
    }

    @Test
    void theSameSeedGivesTheSameForecastWhateverTheDecisionEpochWithinAnIssue() {
        ForecastSource.Synthetic spec = new ForecastSource.Synthetic(3, 0.03, 0.10, 6, 24);
        SyntheticForecast a = new SyntheticForecast(spec, grid, "f");
        SyntheticForecast b = new SyntheticForecast(spec, grid, "f");
        Issue at12 = a.latest(grid, 12);
        Issue at15 = b.latest(grid, 15);
        assertThat(at12.issuedAt()).isEqualTo(at15.issuedAt());
        // Both see the issue of epoch 12: the values of epoch 15 on agree.
        double[] from12 = at12.gramsPerKwh();
        double[] from15 = at15.gramsPerKwh();
        for (int i = 0; i < 18 - 3; i++) {
            assertThat(from15[i]).isEqualTo(from12[i + 3]);
        }
        assertThat(at12.coveredPrefix()).isEqualTo(24);
        assertThat(at15.coveredPrefix()).isEqualTo(21);
        Issue otherSeed = new SyntheticForecast(new ForecastSource.Synthetic(4, 0.03, 0.10, 6, 24), grid, "f").latest(grid, 12);
        assertThat(otherSeed.gramsPerKwh()[0]).isNotEqualTo(from12[0]);
    }

    @Test
    void anIssueIntervalThatIsNotWholeEpochsIsAnError() {
        Problem hourly = ForecastFixtures.problem(ForecastFixtures.trace(72), 60, 24);
        assertThatThrownBy(() -> new SyntheticForecast(new ForecastSource.Synthetic(1, 0.03, 0.1, 1.5, 24), hourly,
                "job.json: field 'forecast'")).isInstanceOf(InputException.class)
                .hasMessageContaining("forecast").hasMessageContaining("issueEveryHours").hasMessageContaining("Maybe");
    }
}
