package dev.atelier.worker.messaging;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * Which offset of a partition may be committed while several runs of it are in progress: never past a run
 * that has not ended, so a crash redelivers every unfinished run (at-least-once). Event-loop confined.
 */
public final class OffsetTracker {
    private final Map<Integer, PartitionState> partitions = new HashMap<>();

    private static final class PartitionState {
        final TreeSet<Long> inFlight = new TreeSet<>();
        final TreeSet<Long> abandoned = new TreeSet<>();
        long highestDone = -1;
        long committed = -1;
    }

    public void begin(int partition, long offset) {
        PartitionState s = partitions.computeIfAbsent(partition, p -> new PartitionState());
        if (s.committed < 0) {
            s.committed = offset; // records before the first one this worker reads were finished by someone else
        }
        s.inFlight.add(offset);
    }

    /**
     * Marks a record as finished.
     *
     * @return the offset to commit for its partition (the next record to read), or empty when nothing new may be committed
     */
    public OptionalLong finish(int partition, long offset) {
        PartitionState s = partitions.get(partition);
        if (s == null || !s.inFlight.remove(offset)) {
            return OptionalLong.empty();
        }
        s.highestDone = Math.max(s.highestDone, offset);
        long floor = Long.MAX_VALUE;
        if (!s.inFlight.isEmpty()) {
            floor = s.inFlight.first();
        }
        if (!s.abandoned.isEmpty()) {
            floor = Math.min(floor, s.abandoned.first());
        }
        long candidate = floor == Long.MAX_VALUE ? s.highestDone + 1 : Math.min(floor, s.highestDone + 1);
        if (candidate <= s.committed) {
            return OptionalLong.empty();
        }
        s.committed = candidate;
        return OptionalLong.of(candidate);
    }

    /** Gives a record up without committing it: it will be redelivered, and no later commit may pass it. */
    public void abandon(int partition, long offset) {
        PartitionState s = partitions.get(partition);
        if (s != null && s.inFlight.remove(offset)) {
            s.abandoned.add(offset);
        }
    }

    /** Forgets a partition this worker no longer owns. */
    public void forget(int partition) {
        partitions.remove(partition);
    }

    public int inFlight() {
        return partitions.values().stream().mapToInt(s -> s.inFlight.size()).sum();
    }
}
