package dev.atelier.worker.service;

import java.util.Arrays;

/** A bounded window of latency samples (ms) with percentiles; thread-safe. */
public final class LatencyStats {
    private final double[] window;
    private long count;

    public LatencyStats(int capacity) {
        window = new double[capacity];
    }

    public synchronized void record(double millis) {
        window[(int) (count % window.length)] = millis;
        count++;
    }

    public synchronized long count() {
        return count;
    }

    /** The p-th percentile (0..100) of the samples in the window, NaN when there are none. */
    public synchronized double percentile(double p) {
        int n = (int) Math.min(count, window.length);
        if (n == 0) {
            return Double.NaN;
        }
        double[] sorted = Arrays.copyOf(window, n);
        Arrays.sort(sorted);
        int idx = (int) Math.ceil(p / 100.0 * n) - 1;
        return sorted[Math.max(0, Math.min(n - 1, idx))];
    }

    @Override
    public String toString() {
        return String.format("n=%d p50=%.1fms p95=%.1fms max=%.1fms", count(), percentile(50), percentile(95), percentile(100));
    }
}
