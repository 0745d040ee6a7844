package org.carbonaware.planner.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.carbonaware.planner.common.InputException;
import org.carbonaware.planner.domain.Fallback;
import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.trace.CarbonTrace;
import org.junit.jupiter.api.Test;

class ColumnAndFallbackForecastTest {

    private final CarbonTrace actual = ForecastFixtures.trace(24 * 6);
    /** The forecast column: actual + 0.5 everywhere, so forecast and fallback values are told apart. */
    private final CarbonTrace column = new CarbonTrace("forecast.csv", times(actual), plus(actual, 0.5));

    @Test
    void aDailyIssueCoversItsHorizonFromTheIssueTimeAndNothingBeyond() {
        Problem grid = ForecastFixtures.problem(actual, 60, 72);
        ColumnForecast midnight = new ColumnForecast(column, 0, 24);
        // Decision at 10:00 on day 0 of the job: issued at 00:00, covers to 24:00, i.e. 14 epochs from 10:00.
        Issue issue = midnight.latest(grid, 10);
        assertThat(issue.issuedAt()).isEqualTo(Instant.parse("2024-01-03T00:00:00Z"));
        assertThat(issue.coveredPrefix()).isEqualTo(14);
        assertThat(issue.gramsPerKwh()[0]).isEqualTo(1000 + 48 + 10 + 0.5);
        assertThat(issue.gramsPerKwh()[14]).isNaN();

        ColumnForecast noon = new ColumnForecast(column, 12, 36);
        // Decision at 10:00: the latest noon issue is the previous day's, covering 12:00 the day before to 24:00 today.
        Issue early = noon.latest(grid, 10);
        assertThat(early.issuedAt()).isEqualTo(Instant.parse("2024-01-02T12:00:00Z"));
        assertThat(early.coveredPrefix()).isEqualTo(14);
        // At 12:00 the new issue reaches 36 h ahead.
        assertThat(noon.latest(grid, 12).coveredPrefix()).isEqualTo(36);
    }

    @Test
    void seasonalDailyTakesTheLatestFullyObservedSameEpoch() {
        Problem grid = ForecastFixtures.problem(actual, 60, 72);
        FallbackForecast fallback = new FallbackForecast(Fallback.SEASONAL_DAILY, 24, actual, "job.json: field 'forecast'");
        double[] unknown = nan(72 - 5);
        double[] filled = fallback.fill(grid, 5, unknown);
        // Decision at job hour 5 = trace hour 53. Epoch i (trace hour 53 + i) looks back one day while that day-old
        // epoch ended by the decision (i <= 23), two days for i = 24..47, three after that.
        assertThat(filled[0]).isEqualTo(1000 + 53 - 24);
        assertThat(filled[23]).isEqualTo(1000 + 53 + 23 - 24);
        assertThat(filled[24]).isEqualTo(1000 + 53 + 24 - 48);
        assertThat(filled[47]).isEqualTo(1000 + 53 + 47 - 48);
        assertThat(filled[48]).isEqualTo(1000 + 53 + 48 - 72);
        for (int i = 0; i < filled.length; i++) {
            assertThat(1000 + 53 + i - filled[i]).as("epoch %d looks back a whole number of days", i).isPositive();
            assertThat((1000 + 53 + i - filled[i]) % 24).isZero();
            assertThat(filled[i] - 1000).as("uses only hours before the decision").isLessThan(53);
        }
    }

    @Test
    void trailingMeanIsTheMeanOfTheWindowBeforeTheDecision() {
        Problem grid = ForecastFixtures.problem(actual, 60, 72);
        FallbackForecast fallback = new FallbackForecast(Fallback.TRAILING_MEAN, 6, actual, "job.json: field 'forecast'");
        double[] given = nan(72);
        given[0] = 7; // a forecast value is kept
        double[] filled = fallback.fill(grid, 0, given);
        assertThat(filled[0]).isEqualTo(7);
        // Trace hours 42..47 before the job start at hour 48.
        assertThat(filled[1]).isEqualTo(1000 + 44.5);
        assertThat(filled[71]).isEqualTo(1000 + 44.5);
    }

    @Test
    void aFallbackWithoutObservedHistoryIsAnInputErrorNamingTheField() {
        CarbonTrace fromJobStart = new CarbonTrace("late.csv", new long[] {ForecastFixtures.JOB_START.getEpochSecond(),
                ForecastFixtures.JOB_START.getEpochSecond() + 3600}, new double[] {1, 2});
        Problem grid = ForecastFixtures.problem(actual, 60, 2);
        FallbackForecast weekly = new FallbackForecast(Fallback.SEASONAL_WEEKLY, 24, fromJobStart, "job.json: field 'forecast'");
        assertThatThrownBy(() -> weekly.fill(grid, 0, nan(2))).isInstanceOf(InputException.class)
                .hasMessageContaining("job.json: field 'forecast'").hasMessageContaining("seasonal-weekly")
                .hasMessageContaining("late.csv").hasMessageContaining("Maybe");
    }

    @Test
    void fifteenMinuteEpochsReadAnHourlyColumnByTheLatestSample() {
        Problem grid = ForecastFixtures.problem(actual, 15, 8);
        Issue issue = new ColumnForecast(column, 0, 24).latest(grid, 0);
        assertThat(issue.gramsPerKwh()).containsExactly(1048.5, 1048.5, 1048.5, 1048.5, 1049.5, 1049.5, 1049.5, 1049.5);
    }

    static double[] nan(int length) {
        double[] values = new double[length];
        java.util.Arrays.fill(values, Double.NaN);
        return values;
    }

    private static long[] times(CarbonTrace trace) {
        long[] seconds = new long[trace.size()];
        for (int i = 0; i < seconds.length; i++) {
            seconds[i] = trace.time(i).getEpochSecond();
        }
        return seconds;
    }

    private static double[] plus(CarbonTrace trace, double offset) {
        double[] values = new double[trace.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = trace.value(i) + offset;
        }
        return values;
    }
}
