package dev.atelier.orchestrator.persistence;

import dev.atelier.schemas.messages.CancelRequested;
import dev.atelier.schemas.messages.Topics;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** Reads of one run and the user's state changes (cancel, retry); inside the caller's transaction. */
public final class RunStore {
    public static final List<String> ACTIVE = List.of("dispatched", "running");

    private RunStore() {
    }

    public static JsonObject get(Connection c, String runId) throws SQLException {
        JsonObject run = Rows.one(c, """
                SELECT id, sweep_id, idx, state, attempt, max_attempts, worker_id, config, checkpoint, last_epoch, best_val_acc,
                       test_acc, error, cancel_requested, created_at, queued_at, dispatched_at, started_at, finished_at, updated_at
                FROM runs WHERE id = ?""", runId);
        if (run != null) {
            run.put("result", Rows.one(c, "SELECT * FROM run_results WHERE run_id = ?", runId));
            run.put("artifacts", new JsonArray(Rows.query(c,
                    "SELECT name, content_type, size_bytes, sha256, created_at FROM artifacts WHERE run_id = ? ORDER BY name", runId)));
        }
        return run;
    }

    public static List<JsonObject> metrics(Connection c, String runId) throws SQLException {
        return Rows.query(c, """
                SELECT attempt, epoch, train_loss, train_acc, val_loss, val_acc, lr, epoch_seconds, images_per_second, recorded_at
                FROM epoch_metrics WHERE run_id = ? ORDER BY attempt, epoch""", runId);
    }

    /**
     * Cancels a run: a queued run is cancelled at once; a dispatched or running one gets a CancelRequested on the
     * control topic (through the outbox) and becomes cancelled when the worker confirms.
     *
     * @return the run's state before, or null when it does not exist
     */
    public static String cancel(Connection c, Topics topics, String runId, String reason) throws SQLException {
        JsonObject run = Rows.one(c, "SELECT state FROM runs WHERE id = ? FOR UPDATE", runId);
        if (run == null) {
            return null;
        }
        String state = run.getString("state");
        if (state.equals("queued")) {
            Rows.update(c, "UPDATE runs SET state = 'cancelled', cancel_requested = true, finished_at = now(), updated_at = now(),"
                    + " error = ? WHERE id = ?", reason, runId);
        } else if (ACTIVE.contains(state)) {
            Rows.update(c, "UPDATE runs SET cancel_requested = true, updated_at = now() WHERE id = ?", runId);
            OutboxStore.add(c, topics.control(), null, new CancelRequested(runId, reason));
        }
        return state;
    }

    /** Puts a failed or cancelled run back in the queue with the next attempt; returns the state before (null if unknown). */
    public static String retry(Connection c, String runId) throws SQLException {
        JsonObject run = Rows.one(c, "SELECT state, sweep_id FROM runs WHERE id = ? FOR UPDATE", runId);
        if (run == null) {
            return null;
        }
        if (run.getString("state").equals("failed") || run.getString("state").equals("cancelled")) {
            Rows.update(c, """
                    UPDATE runs SET state = 'queued', attempt = attempt + 1, max_attempts = greatest(max_attempts, attempt + 1),
                      worker_id = NULL, error = NULL, cancel_requested = false, finished_at = NULL, queued_at = now(), updated_at = now()
                    WHERE id = ?""", runId);
            Rows.update(c, "UPDATE sweeps SET state = 'active', finished_at = NULL WHERE id = ?", run.getString("sweepId"));
        }
        return run.getString("state");
    }

    public static List<String> idsOfSweep(Connection c, String sweepId, String... states) throws SQLException {
        return Rows.query(c, "SELECT id FROM runs WHERE sweep_id = ? AND state = ANY (?::text[]) ORDER BY idx",
                        sweepId, "{" + String.join(",", states) + "}")
                .stream().map(r -> r.getString("id")).toList();
    }

    /**
     * Ends an attempt that did not finish: back to the queue with attempt + 1 (resuming from the run's latest
     * checkpoint when dispatched again) while attempts remain, else failed with {@code reason}; a run whose cancel
     * was requested becomes cancelled. Does nothing when the run has moved on to another attempt or state.
     *
     * @return the new state and sweep id, or null when nothing changed
     */
    public static JsonObject requeueOrFail(Connection c, String runId, int attempt, String reason) throws SQLException {
        return Rows.one(c, """
                UPDATE runs SET
                  state = CASE WHEN cancel_requested THEN 'cancelled' WHEN attempt < max_attempts THEN 'queued' ELSE 'failed' END,
                  error = CASE WHEN cancel_requested OR attempt < max_attempts THEN ? ELSE ? END,
                  finished_at = CASE WHEN cancel_requested OR attempt >= max_attempts THEN now() END,
                  attempt = CASE WHEN NOT cancel_requested AND attempt < max_attempts THEN attempt + 1 ELSE attempt END,
                  worker_id = CASE WHEN NOT cancel_requested AND attempt < max_attempts THEN NULL ELSE worker_id END,
                  queued_at = now(), updated_at = now()
                WHERE id = ? AND attempt = ? AND state IN ('dispatched', 'running')
                RETURNING state, attempt, sweep_id""",
                reason, reason + " (gave up after " + attempt + " attempts)", runId, attempt);
    }
}
