package org.carbonaware.planner.solve;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class IncumbentTraceTest {

    @Test
    void keepsOnlyImprovementsInTimeOrder() {
        IncumbentTrace trace = new IncumbentTrace(System.nanoTime());
        trace.improvedAt(0.5, 130);
        trace.improvedAt(1.0, 140); // worse: ignored
        trace.improvedAt(2.0, 130 * (1 - 1e-12)); // rounding, not an improvement
        trace.improvedAt(2.0, 110);
        trace.improvedAt(4.0, 101);
        assertThat(trace.toStatistic()).containsExactly(List.of(0.5, 130.0), List.of(2.0, 110.0), List.of(4.0, 101.0));
        assertThat(trace.firstSeconds()).isEqualTo(0.5);
        Map<String, Object> statistics = new LinkedHashMap<>();
        trace.addTo(statistics);
        assertThat(statistics).containsKey(IncumbentTrace.STATISTIC);
    }

    @Test
    void aBurstOfImprovementsMergesIntoItsLastButTheFirstPlanStays() {
        IncumbentTrace trace = new IncumbentTrace(System.nanoTime());
        trace.improvedAt(1.0, 200);
        trace.improvedAt(10.0, 150);
        trace.improvedAt(10.05, 140); // within 2 % of the elapsed time of the previous point: replaces it
        trace.improvedAt(10.1, 120);
        trace.improvedAt(20.0, 100);
        assertThat(trace.toStatistic()).containsExactly(List.of(1.0, 200.0), List.of(10.1, 120.0), List.of(20.0, 100.0));
    }

    @Test
    void anEmptyTraceAddsNothing() {
        Map<String, Object> statistics = new LinkedHashMap<>();
        IncumbentTrace trace = new IncumbentTrace(System.nanoTime());
        trace.addTo(statistics);
        assertThat(statistics).isEmpty();
        assertThat(trace.firstSeconds()).isNaN();
    }
}
