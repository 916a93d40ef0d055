package dev.atelier.dashboard.live;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LISTENs on PostgreSQL's {@code atelier_events} channel on its own thread and connection (a pooled connection
 * could be recycled and lose the LISTEN), and publishes every payload on {@link Addresses#DB_NOTES}.
 * Reconnects with back-off when the database goes away.
 */
public final class PgNotificationListener implements AutoCloseable {
    public static final String CHANNEL = "atelier_events";
    private static final Logger LOG = LoggerFactory.getLogger(PgNotificationListener.class);
    private static final int POLL_MILLIS = 250;

    private final Vertx vertx;
    private final String jdbcUrl;
    private final Properties credentials;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean listening;

    public PgNotificationListener(Vertx vertx, String jdbcUrl, Properties credentials) {
        this.vertx = vertx;
        this.jdbcUrl = jdbcUrl;
        this.credentials = credentials;
        this.thread = new Thread(this::loop, "atelier-pg-listen");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    private void loop() {
        long backoff = 500;
        while (running) {
            try (Connection conn = DriverManager.getConnection(jdbcUrl, credentials)) {
                try (Statement st = conn.createStatement()) {
                    st.execute("LISTEN " + CHANNEL);
                }
                LOG.info("Listening on PostgreSQL channel {}", CHANNEL);
                listening = true;
                publish("{\"kind\":\"resync\"}");
                backoff = 500;
                PGConnection pg = conn.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notes = pg.getNotifications(POLL_MILLIS);
                    if (notes != null) {
                        for (PGNotification note : notes) {
                            publish(note.getParameter());
                        }
                    }
                }
            } catch (SQLException e) {
                listening = false;
                if (!running) {
                    return;
                }
                LOG.warn("LISTEN connection lost ({}); reconnecting in {} ms", e.getMessage(), backoff);
                sleep(backoff);
                backoff = Math.min(backoff * 2, 10_000);
            }
        }
    }

    /** Whether the LISTEN connection is open now (it was, at its last poll at most {@value #POLL_MILLIS} ms ago). */
    public boolean listening() {
        return listening;
    }

    /** Stamps each note with the moment it arrived, so the push latency can be measured end to end. */
    private void publish(String payload) {
        vertx.eventBus().publish(Addresses.DB_NOTES, payload,
                new DeliveryOptions().addHeader(Addresses.RECEIVED_NANOS, Long.toString(System.nanoTime())));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(2 * POLL_MILLIS + 1000);
    }
}
