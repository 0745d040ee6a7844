package org.carbonaware.planner.solve;

import java.util.Locale;

/**
 * The share of the Java heap a solver's own tables may take, checked against {@link PlanSolver#heapBytes} before
 * anything large is allocated, so that a model that cannot fit is refused in one line instead of running out of
 * memory after minutes. The estimates count the large arrays and per-arc objects only; the rest of the heap is
 * kept for what they leave out (the problem, the solver library's small objects, garbage not yet collected).
 */
public final class HeapBudget {

    /** Share of the maximum heap ({@link Runtime#maxMemory()}) an estimate may fill. */
    public static final double USABLE_SHARE = 0.75;

    private static final double GIB = 1024.0 * 1024 * 1024;
    private static final double MIB = 1024.0 * 1024;

    private HeapBudget() {
    }

    public static long maxHeapBytes() {
        return Runtime.getRuntime().maxMemory();
    }

    /** Bytes an estimate may reach on this JVM. */
    public static long usableBytes() {
        return (long) (USABLE_SHARE * maxHeapBytes());
    }

    public static boolean fits(long estimatedBytes) {
        return estimatedBytes <= usableBytes();
    }

    /** "8.2 GiB", "740 MiB". */
    public static String format(double bytes) {
        return bytes >= GIB ? String.format(Locale.ROOT, "%.1f GiB", bytes / GIB) : String.format(Locale.ROOT, "%.0f MiB", bytes / MIB);
    }

    /** The -Xmx value (whole GiB) under which the estimate fits in the usable share. */
    public static String xmxFor(long estimatedBytes) {
        return "-Xmx" + (long) Math.ceil(estimatedBytes / USABLE_SHARE / GIB) + "g";
    }

    /** Saturating arithmetic: estimates of absurd instances must not wrap around to small numbers. */
    public static long times(long a, long b) {
        long high = Math.multiplyHigh(a, b);
        long low = a * b;
        return (high == 0 && low >= 0) ? low : Long.MAX_VALUE;
    }

    public static long plus(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }
}
