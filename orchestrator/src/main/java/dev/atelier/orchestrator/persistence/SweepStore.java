package dev.atelier.orchestrator.persistence;

import dev.atelier.schemas.config.RunConfig;
import dev.atelier.schemas.sweep.SweepParser;
import dev.atelier.schemas.sweep.SweepSpec;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** Sweeps and their runs as stored; every method runs inside the caller's transaction. */
public final class SweepStore {
    static final String STATE_COUNTS = "SELECT state, count(*) AS n FROM runs WHERE sweep_id = ? GROUP BY state";
    private static final String RUNS_OF_SWEEP = """
            SELECT r.id, r.idx, r.state, r.attempt, r.worker_id, r.config, r.last_epoch, r.best_val_acc, r.test_acc, r.error,
                   m.epoch AS latest_epoch, m.train_loss, m.train_acc, m.val_loss, m.val_acc
            FROM runs r LEFT JOIN LATERAL (SELECT * FROM epoch_metrics e WHERE e.run_id = r.id
                                           ORDER BY e.attempt DESC, e.epoch DESC LIMIT 1) m ON true
            WHERE r.sweep_id = ? ORDER BY r.idx""";

    private SweepStore() {
    }

    /** Writes the sweep and all its runs (queued) in one batch. */
    public static void insert(Connection c, String sweepId, SweepSpec spec, List<RunConfig> runs, int maxAttempts) throws SQLException {
        Rows.update(c, "INSERT INTO sweeps (id, name, spec, max_parallel, priority, seed) VALUES (?, ?, ?::jsonb, ?, ?, ?)",
                sweepId, spec.name(), SweepParser.toJson(spec).encode(), spec.maxParallel(), spec.priority(), spec.seed());
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO runs (id, sweep_id, idx, config, max_attempts) VALUES (?, ?, ?, ?::jsonb, ?)")) {
            for (int i = 0; i < runs.size(); i++) {
                ps.setString(1, runId(sweepId, i));
                ps.setString(2, sweepId);
                ps.setInt(3, i);
                ps.setString(4, runs.get(i).toJson().encode());
                ps.setInt(5, maxAttempts);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    public static String runId(String sweepId, int idx) {
        return sweepId + "-r" + String.format("%04d", idx);
    }

    public static List<JsonObject> list(Connection c, int limit) throws SQLException {
        List<JsonObject> sweeps = Rows.query(c, """
                SELECT s.id, s.name, s.state, s.max_parallel, s.priority, s.created_at, s.finished_at,
                       (SELECT jsonb_object_agg(state, n) FROM (SELECT state, count(*) n FROM runs WHERE sweep_id = s.id GROUP BY state) x) AS counts,
                       (SELECT max(best_val_acc) FROM runs WHERE sweep_id = s.id) AS best_val_acc,
                       (SELECT max(test_acc) FROM runs WHERE sweep_id = s.id) AS best_test_acc
                FROM sweeps s ORDER BY s.created_at DESC LIMIT ?""", limit);
        sweeps.forEach(s -> s.put("counts", s.getValue("counts") == null ? new JsonObject() : s.getValue("counts")));
        return sweeps;
    }

    /** The sweep with its runs (config, state, latest metrics), state counts and the best runs; null when unknown. */
    public static JsonObject get(Connection c, String sweepId) throws SQLException {
        JsonObject sweep = Rows.one(c, "SELECT id, name, spec, state, max_parallel, priority, seed, created_at, finished_at FROM sweeps WHERE id = ?", sweepId);
        if (sweep == null) {
            return null;
        }
        List<JsonObject> runs = Rows.query(c, RUNS_OF_SWEEP, sweepId);
        JsonObject counts = new JsonObject();
        Rows.query(c, STATE_COUNTS, sweepId).forEach(r -> counts.put(r.getString("state"), r.getLong("n")));
        sweep.put("counts", counts).put("runCount", runs.size())
                .put("bestByValAcc", best(runs, "bestValAcc")).put("bestByTestAcc", best(runs, "testAcc"))
                .put("runs", new JsonArray(runs));
        return sweep;
    }

    private static JsonObject best(List<JsonObject> runs, String field) {
        return runs.stream().filter(r -> r.getValue(field) != null)
                .max(java.util.Comparator.comparingDouble(r -> r.getDouble(field)))
                .map(r -> new JsonObject().put("runId", r.getString("id")).put(field, r.getDouble(field)))
                .orElse(null);
    }

    public static boolean exists(Connection c, String sweepId) throws SQLException {
        return Rows.one(c, "SELECT 1 FROM sweeps WHERE id = ?", sweepId) != null;
    }

    /** Marks the sweep finished once none of its runs is queued, dispatched or running. */
    public static void finishIfDone(Connection c, String sweepId) throws SQLException {
        Rows.update(c, """
                UPDATE sweeps SET state = 'finished', finished_at = now() WHERE id = ? AND state = 'active'
                  AND NOT EXISTS (SELECT 1 FROM runs WHERE sweep_id = ? AND state IN ('queued', 'dispatched', 'running'))""",
                sweepId, sweepId);
    }
}
