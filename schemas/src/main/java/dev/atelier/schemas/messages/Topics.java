package dev.atelier.schemas.messages;

import java.util.List;

/**
 * Every Kafka topic name, built from one prefix (default {@code atelier}) so tests and separate
 * installations can share a broker.
 */
public record Topics(String prefix) {
    public static final Topics DEFAULT = new Topics("atelier");
    public static final String WORKER_GROUP = "atelier-workers";

    /** RunRequested, keyed by runId. */
    public String runs() {
        return prefix + ".runs";
    }

    /** RunStarted, EpochCompleted, RunCompleted, RunFailed, RunCancelled, keyed by runId. */
    public String events() {
        return prefix + ".run-events";
    }

    /** CancelRequested, read by every worker (each with its own group). */
    public String control() {
        return prefix + ".control";
    }

    /** WorkerHeartbeat, keyed by workerId. */
    public String heartbeats() {
        return prefix + ".worker-heartbeats";
    }

    /** Records that could not be parsed or failed validation, with the reason in a header. */
    public String deadLetter() {
        return prefix + ".dead-letter";
    }

    public List<String> all() {
        return List.of(runs(), events(), control(), heartbeats(), deadLetter());
    }
}
