package dev.atelier.schemas.messages;

/**
 * A message payload. Every payload travels inside an {@link Envelope} and has a JSON Schema file
 * {@code schemas/messages/<Type>.v<version>.json} on the classpath.
 */
public sealed interface Message
        permits RunRequested, RunStarted, EpochCompleted, RunCompleted, RunFailed, RunCancelled, CancelRequested, WorkerHeartbeat {

    /** The Kafka record key: the runId, so a run's events stay ordered (the workerId for heartbeats). */
    String key();

    /** The message type name written into the envelope. */
    default String type() {
        return getClass().getSimpleName();
    }

    /** The payload schema version. */
    default int schemaVersion() {
        return 1;
    }
}
