package org.carbonaware.planner.trace;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.carbonaware.planner.domain.CurtailmentRule;
import org.carbonaware.planner.domain.Window;

/**
 * Derives the curtailment windows a reactive provisioner would hold from a sampled signal (each sample holds
 * until the next): a window opens at a sample strictly below the threshold; a sample strictly above marks it, a
 * sample at or below clears the mark; the window closes {@code hysteresisMinutes} after the mark if the signal was
 * above the threshold at every sample from the mark to then.
 */
public final class CurtailmentWindows {

    private CurtailmentWindows() {
    }

    public static List<Window> of(CarbonTrace trace, CurtailmentRule rule) {
        double threshold = rule.thresholdGramsPerKwh();
        Duration hysteresis = Duration.ofMillis(Math.round(rule.hysteresisMinutes() * 60_000));
        List<Window> windows = new ArrayList<>();
        Instant openedAt = null;
        Instant markedAt = null;
        for (int i = 0; i < trace.size(); i++) {
            Instant time = trace.time(i);
            double value = trace.value(i);
            if (openedAt != null && markedAt != null) {
                Instant closesAt = markedAt.plus(hysteresis);
                if (time.isAfter(closesAt) || (time.equals(closesAt) && value > threshold)) {
                    windows.add(new Window(openedAt, closesAt.isAfter(openedAt) ? closesAt : time));
                    openedAt = null;
                    markedAt = null;
                }
            }
            if (openedAt == null) {
                if (value < threshold) {
                    openedAt = time;
                }
            } else if (value > threshold) {
                if (markedAt == null) {
                    markedAt = time;
                }
            } else {
                markedAt = null;
            }
        }
        if (openedAt != null) {
            Instant end = trace.coveredUntil();
            if (markedAt != null && markedAt.plus(hysteresis).isBefore(end)) {
                end = markedAt.plus(hysteresis);
            }
            if (end.isAfter(openedAt)) {
                windows.add(new Window(openedAt, end));
            }
        }
        return windows;
    }

    /**
     * Per epoch, whether the whole epoch lies inside one window (adjacent windows merged).
     */
    public static boolean[] epochsInside(List<Window> windows, Instant start, int epochMinutes, int epochCount) {
        List<Window> merged = new ArrayList<>();
        List<Window> sorted = new ArrayList<>(windows);
        sorted.sort((a, b) -> a.from().compareTo(b.from()));
        for (Window window : sorted) {
            if (!merged.isEmpty() && !window.from().isAfter(merged.get(merged.size() - 1).to())) {
                Window last = merged.remove(merged.size() - 1);
                merged.add(new Window(last.from(), window.to().isAfter(last.to()) ? window.to() : last.to()));
            } else {
                merged.add(window);
            }
        }
        boolean[] inside = new boolean[epochCount];
        for (int t = 0; t < epochCount; t++) {
            Instant from = start.plusSeconds((long) t * epochMinutes * 60L);
            Instant to = from.plusSeconds(epochMinutes * 60L);
            for (Window window : merged) {
                if (window.contains(from, to)) {
                    inside[t] = true;
                    break;
                }
            }
        }
        return inside;
    }
}
