package dev.atelier.dashboard.persistence;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/**
 * The dashboard's read model over the orchestrator's PostgreSQL store. Every method runs its JDBC work on a
 * bounded worker pool and completes a future; nothing here blocks an event loop.
 */
public final class ReadStore {
    private final DataSource dataSource;
    private final WorkerExecutor jdbc;

    public ReadStore(DataSource dataSource, WorkerExecutor jdbc) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
    }

    /** Newest first; {@code page} from 0. */
    public Future<JsonObject> sweeps(int page, int size) {
        return query(conn -> {
            long total;
            try (var st = conn.prepareStatement(Sql.SWEEP_COUNT); var rs = st.executeQuery()) {
                rs.next();
                total = rs.getLong(1);
            }
            JsonArray items = list(conn, Sql.SWEEP_PAGE, size, (long) page * size);
            return new JsonObject().put("items", items).put("page", page).put("size", size).put("total", total);
        });
    }

    /** The sweep's summary, its submitted spec and all its runs with their latest metrics. */
    public Future<JsonObject> sweep(String id) {
        return query(conn -> {
            JsonArray found = list(conn, Sql.SWEEP_ONE, id);
            if (found.isEmpty()) {
                throw new NotFoundException("no sweep with id '" + id + "'");
            }
            JsonObject sweep = found.getJsonObject(0);
            sweep.put("spec", list(conn, Sql.SWEEP_SPEC, id).getJsonObject(0).getValue("spec"));
            return sweep.put("runs", list(conn, Sql.RUNS_OF_SWEEP, id));
        });
    }

    public Future<JsonObject> sweepCurves(String id, int maxPoints) {
        return query(conn -> {
            if (list(conn, Sql.SWEEP_SPEC, id).isEmpty()) {
                throw new NotFoundException("no sweep with id '" + id + "'");
            }
            return curves(conn, Sql.CURVES_OF_SWEEP, id, maxPoints);
        });
    }

    /** The run, its sweep's name, its result (confusion matrix, per-class accuracy) and its artifacts. */
    public Future<JsonObject> run(String id) {
        return query(conn -> {
            JsonArray found = list(conn, Sql.RUN_ONE, id);
            if (found.isEmpty()) {
                throw new NotFoundException("no run with id '" + id + "'");
            }
            JsonObject run = found.getJsonObject(0);
            JsonArray sweep = list(conn, Sql.RUN_SWEEP_NAME, run.getString("sweep_id"));
            run.put("sweep_name", sweep.isEmpty() ? null : sweep.getJsonObject(0).getString("name"));
            JsonArray result = list(conn, Sql.RUN_RESULT, id);
            run.put("result", result.isEmpty() ? null : result.getJsonObject(0));
            return run.put("artifacts", list(conn, Sql.RUN_ARTIFACTS, id));
        });
    }

    public Future<JsonObject> runCurves(String id, int maxPoints) {
        return query(conn -> {
            if (list(conn, Sql.RUN_ONE, id).isEmpty()) {
                throw new NotFoundException("no run with id '" + id + "'");
            }
            return curves(conn, Sql.CURVES_OF_RUN, id, maxPoints);
        });
    }

    public Future<Artifact> artifact(String runId, String name) {
        return query(conn -> {
            try (PreparedStatement st = conn.prepareStatement(Sql.ARTIFACT)) {
                st.setString(1, runId);
                st.setString(2, name);
                try (ResultSet rs = st.executeQuery()) {
                    if (!rs.next()) {
                        throw new NotFoundException("run '" + runId + "' has no artifact named '" + name + "'");
                    }
                    return new Artifact(rs.getString(1), rs.getBytes(2));
                }
            }
        });
    }

    public Future<JsonArray> workers() {
        return query(conn -> list(conn, Sql.WORKERS));
    }

    /** Whether PostgreSQL answers a query now. */
    public Future<Void> ping() {
        return query(conn -> {
            try (Statement st = conn.createStatement()) {
                st.execute("SELECT 1");
                return null;
            }
        });
    }

    /** How many runs are in each state, over all sweeps. */
    public Future<Map<String, Long>> runsByState() {
        return query(conn -> {
            Map<String, Long> counts = new HashMap<>();
            try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(Sql.RUNS_BY_STATE)) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getLong(2));
                }
            }
            return counts;
        });
    }

    /** The epoch rows for the given (runId, epoch) pairs, each with its sweepId. */
    public Future<JsonArray> epochs(List<String> runIds, List<Integer> epochs) {
        return query(conn -> {
            try (PreparedStatement st = conn.prepareStatement(Sql.EPOCHS_BY_KEY)) {
                st.setArray(1, conn.createArrayOf("text", runIds.toArray()));
                st.setArray(2, conn.createArrayOf("int4", epochs.toArray()));
                try (ResultSet rs = st.executeQuery()) {
                    return Rows.all(rs);
                }
            }
        });
    }

    private static JsonObject curves(Connection conn, String sql, String id, int maxPoints) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(sql)) {
            st.setString(1, id);
            try (ResultSet rs = st.executeQuery()) {
                return Curves.fromRows(rs, maxPoints);
            }
        }
    }

    private static JsonArray list(Connection conn, String sql, Object... params) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = st.executeQuery()) {
                return Rows.all(rs);
            }
        }
    }

    private <T> Future<T> query(SqlWork<T> work) {
        return jdbc.executeBlocking(() -> {
            try (Connection conn = dataSource.getConnection()) {
                return work.apply(conn);
            }
        }, false);
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T apply(Connection conn) throws SQLException;
    }
}
