package org.carbonaware.planner.rolling;

import java.util.Arrays;
import java.util.function.IntFunction;

import org.carbonaware.planner.domain.Forecast;
import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.forecast.Forecaster;
import org.carbonaware.planner.forecast.Issue;
import org.carbonaware.planner.forecast.IssuedForecast;

/** A forecast written by the test: at decision epoch k the remaining epochs get {@code script.apply(k)}. */
final class ScriptedForecast implements IssuedForecast {

    private final IntFunction<double[]> script;

    ScriptedForecast(IntFunction<double[]> script) {
        this.script = script;
    }

    @Override
    public Issue latest(Problem grid, int fromEpoch) {
        double[] values = script.apply(fromEpoch);
        if (values.length != grid.epochCount() - fromEpoch) {
            values = Arrays.copyOfRange(values, fromEpoch, grid.epochCount());
        }
        return new Issue(grid.epochStart(fromEpoch), values);
    }

    static Forecaster forecaster(Problem actual, IntFunction<double[]> script) {
        return new Forecaster(actual, Forecast.actual(actual.instance().carbonIntensity().signal()), new ScriptedForecast(script), null);
    }
}
