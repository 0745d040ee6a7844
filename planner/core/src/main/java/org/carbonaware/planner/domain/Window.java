package org.carbonaware.planner.domain;

import java.time.Instant;

/** A half-open interval [from, to) in which a site may run. */
public record Window(Instant from, Instant to) {

    public Window {
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("window end %s is not after its start %s".formatted(to, from));
        }
    }

    public boolean contains(Instant start, Instant end) {
        return !start.isBefore(from) && !end.isAfter(to);
    }
}
