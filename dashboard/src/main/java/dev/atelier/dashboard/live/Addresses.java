package dev.atelier.dashboard.live;

/** Event-bus addresses inside the dashboard process. */
public final class Addresses {
    /** Raw notification payloads from PostgreSQL's {@code atelier_events} channel (JSON text). */
    public static final String DB_NOTES = "atelier.dashboard.db-notes";
    /** Enriched live events for browsers: JSON objects with {@code kind}, {@code runId}, {@code sweepId}. */
    public static final String LIVE = "atelier.dashboard.live";

    /** Header on both addresses: {@link System#nanoTime()} when the notification reached the dashboard. */
    public static final String RECEIVED_NANOS = "received-nanos";

    private Addresses() {
    }
}
