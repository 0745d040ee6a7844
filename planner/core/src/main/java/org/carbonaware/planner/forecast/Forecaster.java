package org.carbonaware.planner.forecast;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.carbonaware.planner.common.InputException;
import org.carbonaware.planner.domain.Forecast;
import org.carbonaware.planner.domain.ForecastSource;
import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.domain.Signal;
import org.carbonaware.planner.trace.CarbonTrace;
import org.carbonaware.planner.trace.CarbonTraceReader;

/**
 * What a planner knows of the carbon intensity at each decision time of a run, site by site: the latest forecast
 * issued by then and, beyond its horizon, the fallback from the actuals observed by then. The perfect forecast is
 * one case of it, so planning on the actual trace is the rolling case with a perfect forecast.
 */
public final class Forecaster {

    /** One site's forecast: its spec, its source and the fallback (null for perfect foresight). */
    public record SiteForecast(Forecast forecast, IssuedForecast source, FallbackForecast fallback) {
    }

    private final Problem actual;
    private final List<SiteForecast> siteList;

    public Forecaster(Problem actual, List<SiteForecast> siteList) {
        if (siteList.size() != actual.siteCount()) {
            throw new IllegalArgumentException("one forecast per site: %d sites, %d forecasts".formatted(actual.siteCount(), siteList.size()));
        }
        this.actual = actual;
        this.siteList = List.copyOf(siteList);
    }

    /** A one-site forecaster from its parts. */
    public Forecaster(Problem actual, Forecast forecast, IssuedForecast source, FallbackForecast fallback) {
        this(actual, List.of(new SiteForecast(forecast, source, fallback)));
    }

    /** Perfect foresight on {@code actual}: every view is the actual carbon intensity. */
    public static Forecaster perfect(Problem actual) {
        List<SiteForecast> sites = new ArrayList<>();
        for (int s = 0; s < actual.siteCount(); s++) {
            sites.add(new SiteForecast(Forecast.actual(actual.site(s).carbonIntensity().signal()), new ActualForecast(s), null));
        }
        return new Forecaster(actual, sites);
    }

    /** Opens a one-site forecast (see {@link #open(Problem, List, List)}). */
    public static Forecaster open(Problem actual, CarbonTrace actualTrace, Forecast forecast) {
        return open(actual, List.of(actualTrace), List.of(forecast));
    }

    /**
     * Opens each site's forecast for the problem on the actual traces, reading its files.
     *
     * @param actualTraces per site, the actual trace (for the fallback's history before the job start)
     * @param forecasts per site, its forecast
     */
    public static Forecaster open(Problem actual, List<CarbonTrace> actualTraces, List<Forecast> forecasts) {
        Path instanceFile = actual.instance().sourceFile();
        List<SiteForecast> sites = new ArrayList<>();
        for (int s = 0; s < actual.siteCount(); s++) {
            Forecast forecast = forecasts.get(s);
            CarbonTrace trace = actualTraces.get(s);
            String where = (instanceFile == null ? actual.name() : instanceFile.toString()) + ": field '"
                    + (actual.siteCount() == 1 ? "" : "sites[" + s + "].") + "forecast'";
            Signal traceSignal = actual.site(s).carbonIntensity().signal();
            if (forecast.signal() != traceSignal) {
                throw new InputException("%s: the forecast is of the %s signal but the trace %s is %s; a plan scored on one signal cannot be compared with a forecast of the other. Maybe set forecast.signal or the signal of the trace?"
                        .formatted(where, forecast.signal(), trace.sourceName(), traceSignal));
            }
            int site = s;
            IssuedForecast source = switch (forecast.source()) {
                case ForecastSource.Column column -> new ColumnForecast(CarbonTraceReader.read(column.file(), column.column()),
                        column.issueHourUtc(), column.horizonHours());
                case ForecastSource.Vintages vintages -> VintageFile.read(vintages.file(), vintages.column());
                case ForecastSource.Synthetic synthetic -> new SyntheticForecast(synthetic, actual, site, where);
                case ForecastSource.Actual perfect -> new ActualForecast(site);
            };
            sites.add(new SiteForecast(forecast, source, new FallbackForecast(forecast.fallback(), forecast.trailingHours(), trace, where)));
        }
        return new Forecaster(actual, sites);
    }

    /** The first site's forecast (the only one of a one-site problem). */
    public Forecast forecast() {
        return siteList.get(0).forecast();
    }

    public List<SiteForecast> siteList() {
        return siteList;
    }

    /** One line naming each site's forecast. */
    public String describe() {
        if (siteList.size() == 1) {
            return forecast().describe();
        }
        List<String> parts = new ArrayList<>();
        for (int s = 0; s < siteList.size(); s++) {
            parts.add(actual.site(s).name() + ": " + siteList.get(s).forecast().describe());
        }
        return String.join("; ", parts);
    }

    public Problem actual() {
        return actual;
    }

    /** The carbon intensity assumed at the start of {@code fromEpoch} for it and every later epoch, per site. */
    public ForecastView view(int fromEpoch) {
        int sites = siteList.size();
        double[][] values = new double[sites][];
        Instant[] issued = new Instant[sites];
        int[] covered = new int[sites];
        int[] prefix = new int[sites];
        for (int s = 0; s < sites; s++) {
            SiteForecast site = siteList.get(s);
            Issue issue = site.source().latest(actual, fromEpoch);
            double[] known = issue.gramsPerKwh();
            for (double value : known) {
                if (!Double.isNaN(value)) {
                    covered[s]++;
                }
            }
            values[s] = covered[s] == known.length || site.fallback() == null ? known : site.fallback().fill(actual, fromEpoch, known);
            issued[s] = issue.issuedAt();
            prefix[s] = issue.coveredPrefix();
        }
        return new ForecastView(fromEpoch, actual.epochStart(fromEpoch), values, issued, covered, prefix);
    }
}
