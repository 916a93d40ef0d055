package dev.atelier.dashboard.live;

/** Event-bus addresses inside the dashboard process. */
public final class Addresses {
    /** Raw notification payloads from PostgreSQL's {@code atelier_events} channel (JSON text). */
    public static final String DB_NOTES = "atelier.dashboard.db-notes";
    /** Enriched live events for browsers: JSON objects with {@code kind}, {@code runId}, {@code sweepId}. */
    public static final String LIVE = "atelier.dashboard.live";

    private Addresses() {
    }
}
