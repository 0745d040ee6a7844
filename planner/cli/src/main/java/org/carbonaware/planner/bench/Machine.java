package org.carbonaware.planner.bench;

import java.lang.management.ManagementFactory;

/** The machine a cell ran on, recorded with every result so that timings can be compared fairly. */
public record Machine(int cores, String os, String java) {

    public static Machine current() {
        return new Machine(Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                System.getProperty("java.vendor") + " " + System.getProperty("java.version"));
    }

    /** The one-minute system load average when available (other work on the machine slows solves), else NaN. */
    public static double loadAverage() {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return load < 0 ? Double.NaN : load;
    }
}
