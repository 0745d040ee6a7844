package org.carbonaware.planner.forecast;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.carbonaware.planner.domain.CarbonIntensitySource;
import org.carbonaware.planner.domain.Instance;
import org.carbonaware.planner.domain.Option;
import org.carbonaware.planner.domain.Problem;
import org.carbonaware.planner.domain.Reconfiguration;
import org.carbonaware.planner.trace.CarbonTrace;

/** An hourly actual trace from two days before the job start, and the job's problem on it. */
final class ForecastFixtures {

    static final Instant TRACE_START = Instant.parse("2024-01-01T00:00:00Z");
    static final Instant JOB_START = Instant.parse("2024-01-03T00:00:00Z");

    private ForecastFixtures() {
    }

    /** Hour h of the trace (from TRACE_START) has carbon intensity 1000 + h. */
    static CarbonTrace trace(int hours) {
        long[] seconds = new long[hours];
        double[] values = new double[hours];
        for (int h = 0; h < hours; h++) {
            seconds[h] = TRACE_START.getEpochSecond() + h * 3600L;
            values[h] = 1000 + h;
        }
        return new CarbonTrace("actual.csv", seconds, values);
    }

    static Problem problem(CarbonTrace trace, int epochMinutes, int epochs) {
        Instance instance = new Instance("job", JOB_START, epochMinutes, epochs * epochMinutes / 60.0, 1e6, 8, 1, 0, 0,
                Reconfiguration.NONE, new CarbonIntensitySource(Path.of("actual.csv"), null),
                List.of(new Option(1, 1, 1, 1, 10, 100)), null);
        return new Problem(instance, trace.epochMeans(JOB_START, epochMinutes, epochs));
    }
}
