package dev.atelier.schemas.messages;

import java.util.List;

/**
 * Worker → orchestrator (heartbeats topic), every few seconds.
 *
 * @param state idle, busy or draining
 * @param current one entry per run in progress
 * @param partitions runs-topic partitions currently assigned to this worker
 * @param imagesPerSecond recent training throughput, 0 when idle
 */
public record WorkerHeartbeat(String workerId, String host, String device, int slots, int busySlots, String state,
                              List<RunProgress> current, List<Integer> partitions, double imagesPerSecond) implements Message {

    /** A run in progress on a worker. */
    public record RunProgress(String runId, int attempt, int epoch) {
    }

    @Override
    public String key() {
        return workerId;
    }
}
