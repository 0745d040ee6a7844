package org.carbonaware.planner.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.carbonaware.planner.domain.CurtailmentRule;
import org.carbonaware.planner.domain.Window;
import org.junit.jupiter.api.Test;

/** Curtailment windows derived from a 5-minute signal, threshold 100 g/kWh, traced by hand. */
class CurtailmentWindowsTest {

    private static final Instant START = Instant.parse("2026-01-11T00:00:00Z");
    // 00:00 … 01:00 every 5 minutes.
    private static final double[] SIGNAL = {150, 80, 90, 120, 130, 140, 60, 200, 95, 200, 200, 200, 200};

    private static CarbonTrace trace() {
        long[] seconds = new long[SIGNAL.length];
        for (int i = 0; i < SIGNAL.length; i++) {
            seconds[i] = START.getEpochSecond() + 300L * i;
        }
        return new CarbonTrace("signal", seconds, SIGNAL);
    }

    private static Window window(int fromMinute, int toMinute) {
        return new Window(START.plusSeconds(60L * fromMinute), START.plusSeconds(60L * toMinute));
    }

    @Test
    void withTenMinutesOfHysteresisAWindowClosesOnlyAfterTheSignalStayedAboveForTenMinutes() {
        // Opens at 00:05 (80); above from 00:15, still above at 00:25: closes at 00:25. Opens again at 00:30 (60);
        // above at 00:35 but 95 at 00:40 clears it; above from 00:45 until 00:55: closes at 00:55.
        List<Window> windows = CurtailmentWindows.of(trace(), new CurtailmentRule(100, 10, null));
        assertThat(windows).containsExactly(window(5, 25), window(30, 55));
        // 10-minute epochs from 00:00: only the epochs wholly inside a window.
        assertThat(CurtailmentWindows.epochsInside(windows, START, 10, 6)).containsExactly(false, true, false, true, true, false);
    }

    @Test
    void withoutHysteresisAWindowClosesAtTheFirstSampleAboveAndTheNextDipOpensANewOne() {
        List<Window> windows = CurtailmentWindows.of(trace(), new CurtailmentRule(100, 0, null));
        assertThat(windows).containsExactly(window(5, 15), window(30, 35), window(40, 45));
    }

    @Test
    void aWindowStillOpenAtTheEndOfTheTraceEndsWhereTheTraceDoes() {
        long[] seconds = {START.getEpochSecond(), START.getEpochSecond() + 300};
        List<Window> windows = CurtailmentWindows.of(new CarbonTrace("signal", seconds, new double[] {40, 50}),
                new CurtailmentRule(100, 10, null));
        // The trace covers until its last sample plus its step.
        assertThat(windows).containsExactly(window(0, 10));
    }
}
