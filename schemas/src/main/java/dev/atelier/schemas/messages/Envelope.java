package dev.atelier.schemas.messages;

import java.time.Instant;
import java.util.UUID;

/** What every Kafka record value carries: an envelope around one typed payload. */
public record Envelope(UUID eventId, String type, int schemaVersion, Instant occurredAt, String producer, Message payload) {

    public static Envelope wrap(String producer, Message payload) {
        return new Envelope(UUID.randomUUID(), payload.type(), payload.schemaVersion(), Instant.now(), producer, payload);
    }

    /** The payload cast to the expected type. */
    public <T extends Message> T payload(Class<T> type) {
        return type.cast(payload);
    }
}
