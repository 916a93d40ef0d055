package dev.atelier.dashboard;

import dev.atelier.embedded.EmbeddedPostgresDb;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import org.flywaydb.core.Flyway;

/**
 * A real PostgreSQL with the orchestrator's migrations applied, and inserts shaped like the orchestrator's, so the
 * dashboard's tests read exactly the store it reads in production.
 */
final class StoreFixture implements AutoCloseable {
    private final EmbeddedPostgresDb postgres;
    final String jdbcUrl;

    StoreFixture(String database) {
        postgres = EmbeddedPostgresDb.startTemporary();
        jdbcUrl = postgres.createDatabase(database);
        Flyway.configure().dataSource(jdbcUrl, postgres.user(), postgres.password())
                .locations("classpath:db/migration").load().migrate();
    }

    String user() {
        return postgres.user();
    }

    String password() {
        return postgres.password();
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, postgres.user(), postgres.password());
    }

    void sweep(String id, String name, Instant createdAt, String state) throws SQLException {
        exec("INSERT INTO sweeps (id, name, spec, state, created_at) VALUES (?, ?, ?::jsonb, ?, ?)",
                id, name, new JsonObject().put("name", name).encode(), state, Timestamp.from(createdAt));
    }

    void run(String id, String sweepId, int idx, JsonObject config, String state, Double bestVal, Double testAcc) throws SQLException {
        exec("INSERT INTO runs (id, sweep_id, idx, config, state, best_val_acc, test_acc, started_at) VALUES (?, ?, ?, ?::jsonb, ?, ?, ?, now())",
                id, sweepId, idx, config.encode(), state, bestVal, testAcc);
    }

    void epoch(String runId, int attempt, int epoch, double valAcc) throws SQLException {
        exec("INSERT INTO epoch_metrics (run_id, attempt, epoch, train_loss, train_acc, val_loss, val_acc, lr, epoch_seconds, images_per_second)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, 0.001, 1.5, 36000)", runId, attempt, epoch, 1.0 / epoch, valAcc + 0.01, 1.1 / epoch, valAcc);
        exec("UPDATE runs SET last_epoch = ? WHERE id = ?", epoch, runId);
    }

    void result(String runId, double testAcc, int[][] confusion) throws SQLException {
        JsonArray matrix = new JsonArray();
        JsonArray perClass = new JsonArray();
        for (int[] row : confusion) {
            JsonArray r = new JsonArray();
            int total = 0;
            for (int c : row) {
                r.add(c);
                total += c;
            }
            matrix.add(r);
            perClass.add(total == 0 ? 0.0 : (double) row[matrix.size() - 1] / total);
        }
        exec("INSERT INTO run_results (run_id, attempt, test_loss, test_acc, per_class_accuracy, confusion_matrix, best_epoch, best_val_acc, total_seconds)"
                + " VALUES (?, 1, 0.3, ?, ?::jsonb, ?::jsonb, 3, 0.88, 42.0)", runId, testAcc, perClass.encode(), matrix.encode());
    }

    void artifact(String runId, String name, String contentType, byte[] data) throws SQLException {
        exec("INSERT INTO artifacts (run_id, name, content_type, size_bytes, sha256, data) VALUES (?, ?, ?, ?, 'x', ?)",
                runId, name, contentType, (long) data.length, data);
    }

    void worker(String id, String state, JsonArray current) throws SQLException {
        exec("INSERT INTO workers (id, host, device, slots, busy_slots, state, current, images_per_second) VALUES (?, 'host-a', 'cpu', 1, 1, ?, ?::jsonb, 12345)",
                id, state, current.encode());
    }

    void exec(String sql, Object... params) throws SQLException {
        try (Connection c = connect(); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            st.executeUpdate();
        }
    }

    /** A 10x10 confusion matrix with {@code diagonal} correct per class and one miss per class. */
    static int[][] confusion(int diagonal) {
        int[][] m = new int[10][10];
        for (int i = 0; i < 10; i++) {
            m[i][i] = diagonal;
            m[i][(i + 1) % 10] = 1;
        }
        return m;
    }

    @Override
    public void close() {
        postgres.close();
    }
}
