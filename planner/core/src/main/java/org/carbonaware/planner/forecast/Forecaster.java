package org.carbonaware.planner.forecast;

import java.nio.file.Path;

import org.carbonaware.planner.common.InputException;
import org.carbonaware.planner.domain.Forecast;
import org.carbonaware.planner.domain.ForecastSource;
import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.trace.CarbonTrace;
import org.carbonaware.planner.trace.CarbonTraceReader;

/**
 * What a planner knows of the carbon intensity at each decision time of a run: the latest forecast issued by then
 * and, beyond its horizon, the fallback from the actuals observed by then. The perfect forecast is one case of
 * it, so planning on the actual trace is the rolling case with a perfect forecast.
 */
public final class Forecaster {

    private final Problem actual;
    private final Forecast forecast;
    private final IssuedForecast source;
    private final FallbackForecast fallback;

    public Forecaster(Problem actual, Forecast forecast, IssuedForecast source, FallbackForecast fallback) {
        this.actual = actual;
        this.forecast = forecast;
        this.source = source;
        this.fallback = fallback;
    }

    /** Perfect foresight on {@code actual}: every view is the actual carbon intensity. */
    public static Forecaster perfect(Problem actual) {
        return new Forecaster(actual, Forecast.actual(actual.instance().carbonIntensity().signal()), new ActualForecast(), null);
    }

    /**
     * Opens the forecast of {@code forecast} for the problem on the actual trace, reading its files.
     *
     * @param actualTrace the actual trace, for the fallback's history before the job start
     */
    public static Forecaster open(Problem actual, CarbonTrace actualTrace, Forecast forecast) {
        Path instanceFile = actual.instance().sourceFile();
        String where = (instanceFile == null ? actual.name() : instanceFile.toString()) + ": field 'forecast'";
        var traceSignal = actual.instance().carbonIntensity().signal();
        if (forecast.signal() != traceSignal) {
            throw new InputException("%s: the forecast is of the %s signal but the trace %s is %s; a plan scored on one signal cannot be compared with a forecast of the other. Maybe set forecast.signal or the instance's signal?"
                    .formatted(where, forecast.signal(), actualTrace.sourceName(), traceSignal));
        }
        IssuedForecast source = switch (forecast.source()) {
            case ForecastSource.Column column -> new ColumnForecast(CarbonTraceReader.read(column.file(), column.column()),
                    column.issueHourUtc(), column.horizonHours());
            case ForecastSource.Vintages vintages -> VintageFile.read(vintages.file(), vintages.column());
            case ForecastSource.Synthetic synthetic -> new SyntheticForecast(synthetic, actual, where);
            case ForecastSource.Actual perfect -> new ActualForecast();
        };
        return new Forecaster(actual, forecast, source, new FallbackForecast(forecast.fallback(), forecast.trailingHours(),
                actualTrace, where));
    }

    public Forecast forecast() {
        return forecast;
    }

    public Problem actual() {
        return actual;
    }

    /** The carbon intensity assumed at the start of {@code fromEpoch} for it and every later epoch. */
    public ForecastView view(int fromEpoch) {
        Issue issue = source.latest(actual, fromEpoch);
        double[] values = issue.gramsPerKwh();
        int covered = 0;
        for (double value : values) {
            if (!Double.isNaN(value)) {
                covered++;
            }
        }
        double[] filled = covered == values.length || fallback == null ? values : fallback.fill(actual, fromEpoch, values);
        return new ForecastView(fromEpoch, actual.epochStart(fromEpoch), issue.issuedAt(), filled, covered, issue.coveredPrefix());
    }
}
