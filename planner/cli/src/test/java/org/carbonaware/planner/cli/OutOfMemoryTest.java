package org.carbonaware.planner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.carbonaware.planner.app.ExitCodes;
import org.junit.jupiter.api.Test;

class OutOfMemoryTest {

    @Test
    void runningOutOfHeapIsOneLineAndExit70WithoutAStackTrace() {
        StringWriter err = new StringWriter();
        int code = PlannerCommand.runWithinMemory(() -> {
            throw new OutOfMemoryError("Java heap space");
        }, new PrintWriter(err, true), () -> false);
        assertThat(code).isEqualTo(ExitCodes.INTERNAL_ERROR);
        assertThat(err.toString().lines()).hasSize(1);
        assertThat(err.toString()).startsWith("planner: out of memory (Java heap space, maximum heap ")
                .contains("Maybe fewer options, sites or epochs").doesNotContain("\tat ");
    }

    @Test
    void withStacktraceTheTraceFollowsTheLine() {
        StringWriter err = new StringWriter();
        PlannerCommand.runWithinMemory(() -> {
            throw new OutOfMemoryError("Java heap space");
        }, new PrintWriter(err, true), () -> true);
        assertThat(err.toString().lines().count()).isGreaterThan(1);
        assertThat(err.toString()).contains("\tat ");
    }

    @Test
    void aCommandThatFitsReturnsItsOwnCode() {
        StringWriter err = new StringWriter();
        assertThat(PlannerCommand.runWithinMemory(() -> ExitCodes.NO_SOLUTION, new PrintWriter(err, true), () -> false)).isEqualTo(ExitCodes.NO_SOLUTION);
        assertThat(err.toString()).isEmpty();
    }
}
