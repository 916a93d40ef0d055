package dev.atelier.schemas.sweep;

import java.util.List;
import java.util.Map;

/**
 * A hyper-parameter sweep as submitted: fixed {@code base} options, {@code grid} axes (every combination),
 * {@code random} axes (sampled per run, deterministic by {@code seed}) and {@code trials} runs per grid point.
 * Parse one with {@link SweepParser}; plan its runs with {@link SweepPlanner}.
 *
 * @param maxParallel at most this many runs of the sweep at once, 0 = unlimited
 * @param priority higher first between sweeps
 */
public record SweepSpec(String name, Map<String, Object> base, Map<String, List<Object>> grid, Map<String, RandomAxis> random,
                        int trials, int maxParallel, int priority, long seed) {

    public SweepSpec {
        base = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(base));
        grid = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(grid));
        random = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(random));
    }

    /** Number of runs this sweep plans: grid combinations × trials, saturating at {@link Long#MAX_VALUE}. */
    public long runCount() {
        long n = Math.max(1, trials);
        for (List<Object> axis : grid.values()) {
            if (axis.isEmpty()) {
                return 0;
            }
            n = axis.size() > Long.MAX_VALUE / n ? Long.MAX_VALUE : n * axis.size();
        }
        return n;
    }
}
