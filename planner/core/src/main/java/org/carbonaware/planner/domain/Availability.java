package org.carbonaware.planner.domain;

import java.util.List;

/**
 * When a site may run: always, inside given windows, or inside the curtailment windows a rule derives from a
 * signal. A site runs in an epoch only if the whole epoch lies inside one window.
 *
 * @param windowList given windows, or null
 * @param rule the curtailment rule, or null
 */
public record Availability(List<Window> windowList, CurtailmentRule rule) {

    public static final Availability ALWAYS = new Availability(null, null);

    public Availability {
        if (windowList != null && rule != null) {
            throw new IllegalArgumentException("availability gives both windows and a curtailment rule");
        }
        windowList = windowList == null ? null : List.copyOf(windowList);
    }

    public static Availability windows(List<Window> windowList) {
        return new Availability(windowList, null);
    }

    public static Availability curtailment(CurtailmentRule rule) {
        return new Availability(null, rule);
    }

    public boolean always() {
        return windowList == null && rule == null;
    }
}
