package dev.atelier.orchestrator.ingestion;

import dev.atelier.orchestrator.persistence.Rows;
import dev.atelier.orchestrator.persistence.RunStore;
import dev.atelier.orchestrator.persistence.SweepStore;
import dev.atelier.schemas.messages.Envelope;
import dev.atelier.schemas.messages.EpochCompleted;
import dev.atelier.schemas.messages.RunCancelled;
import dev.atelier.schemas.messages.RunCompleted;
import dev.atelier.schemas.messages.RunFailed;
import dev.atelier.schemas.messages.RunStarted;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a batch of worker events in the caller's transaction. Each event id is recorded in processed_events
 * first; an id seen before is skipped, and epoch rows are unique on (run, attempt, epoch), so replays and
 * duplicates change nothing. Epochs of a batch go in as one multi-row insert; state changes only apply to the
 * run's current attempt.
 */
final class EventApplier {
    private static final Logger LOG = LoggerFactory.getLogger(EventApplier.class);
    private static final String INSERT_EPOCHS = """
            INSERT INTO epoch_metrics (run_id, attempt, epoch, train_loss, train_acc, val_loss, val_acc, lr, epoch_seconds, images_per_second)
            SELECT t.* FROM unnest(?::text[], ?::int[], ?::int[], ?::float8[], ?::float8[], ?::float8[], ?::float8[], ?::float8[], ?::float8[], ?::float8[])
                 AS t(run_id, attempt, epoch, tl, ta, vl, va, lr, es, ips)
            WHERE EXISTS (SELECT 1 FROM runs r WHERE r.id = t.run_id)
            ON CONFLICT (run_id, attempt, epoch) DO NOTHING""";
    private static final String EPOCH_PROGRESS = """
            UPDATE runs r SET last_epoch = greatest(r.last_epoch, t.epoch), best_val_acc = greatest(r.best_val_acc, t.va),
                   state = CASE WHEN r.state = 'dispatched' THEN 'running' ELSE r.state END, updated_at = now()
            FROM (SELECT run_id, attempt, max(epoch) AS epoch, max(va) AS va
                  FROM unnest(?::text[], ?::int[], ?::int[], ?::float8[]) AS u(run_id, attempt, epoch, va) GROUP BY run_id, attempt) t
            WHERE r.id = t.run_id AND r.attempt = t.attempt AND r.state IN ('dispatched', 'running')""";

    private static final String END_ATTEMPT = """
            UPDATE runs SET state = ?, error = ?, finished_at = now(), updated_at = now()
            WHERE id = ? AND attempt = ? AND state IN ('dispatched', 'running') RETURNING state, attempt, sweep_id""";

    private EventApplier() {
    }

    /** @return how many events were new */
    static int apply(Connection c, List<Envelope> events) throws SQLException {
        Set<UUID> fresh = recordProcessed(c, events);
        List<EpochCompleted> epochs = new ArrayList<>();
        Set<String> sweeps = new LinkedHashSet<>();
        int applied = 0;
        for (Envelope e : events) {
            if (!fresh.remove(e.eventId())) {
                continue;
            }
            applied++;
            Object p = e.payload();
            if (p instanceof EpochCompleted ec) {
                epochs.add(ec);
            } else if (p instanceof RunStarted rs) {
                Rows.update(c, "UPDATE runs SET state = 'running', worker_id = ?, started_at = coalesce(started_at, now()),"
                        + " updated_at = now() WHERE id = ? AND attempt = ? AND state IN ('queued', 'dispatched')", rs.workerId(), rs.runId(), rs.attempt());
            } else if (p instanceof RunCompleted rc) {
                completed(c, rc, sweeps);
            } else if (p instanceof RunFailed rf) {
                changed(sweeps, rf.runId(), rf.retryable()
                        ? RunStore.requeueOrFail(c, rf.runId(), rf.attempt(), rf.reason())
                        : Rows.one(c, END_ATTEMPT, "failed", rf.reason(), rf.runId(), rf.attempt()));
            } else if (p instanceof RunCancelled rc) {
                changed(sweeps, rc.runId(), Rows.one(c, END_ATTEMPT, "cancelled", "cancelled at epoch " + rc.epoch(), rc.runId(), rc.attempt()));
            } else {
                LOG.warn("ignoring {} {} on the events topic", e.type(), e.eventId());
            }
        }
        insertEpochs(c, epochs);
        for (String sweepId : sweeps) {
            SweepStore.finishIfDone(c, sweepId);
        }
        return applied;
    }

    private static Set<UUID> recordProcessed(Connection c, List<Envelope> events) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO processed_events (event_id) SELECT unnest(?::uuid[]) ON CONFLICT DO NOTHING RETURNING event_id")) {
            ps.setArray(1, c.createArrayOf("uuid", events.stream().map(Envelope::eventId).toArray()));
            Set<UUID> fresh = new HashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    fresh.add((UUID) rs.getObject(1));
                }
            }
            return fresh;
        }
    }

    private static void completed(Connection c, RunCompleted rc, Set<String> sweeps) throws SQLException {
        JsonObject run = Rows.one(c, "UPDATE runs SET state = 'completed', test_acc = ?, best_val_acc = ?, error = NULL, finished_at = now(), updated_at = now()"
                + " WHERE id = ? AND attempt = ? AND state IN ('dispatched', 'running') RETURNING sweep_id", rc.testAcc(), rc.bestValAcc(), rc.runId(), rc.attempt());
        if (run == null) {
            return;
        }
        JsonObject extra = new JsonObject().put("artifacts", new JsonObject(new java.util.LinkedHashMap<>(rc.artifacts() == null ? java.util.Map.of() : rc.artifacts())))
                .put("extra", rc.extra());
        Rows.update(c, """
                INSERT INTO run_results (run_id, attempt, test_loss, test_acc, per_class_accuracy, confusion_matrix, best_epoch, best_val_acc, total_seconds, extra)
                VALUES (?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?::jsonb)
                ON CONFLICT (run_id) DO UPDATE SET attempt = EXCLUDED.attempt, test_loss = EXCLUDED.test_loss, test_acc = EXCLUDED.test_acc,
                  per_class_accuracy = EXCLUDED.per_class_accuracy, confusion_matrix = EXCLUDED.confusion_matrix, best_epoch = EXCLUDED.best_epoch,
                  best_val_acc = EXCLUDED.best_val_acc, total_seconds = EXCLUDED.total_seconds, extra = EXCLUDED.extra, recorded_at = now()""",
                rc.runId(), rc.attempt(), rc.testLoss(), rc.testAcc(), new JsonArray(rc.perClassAccuracy()).encode(),
                new JsonArray(rc.confusionMatrix()).encode(), rc.bestEpoch(), rc.bestValAcc(), rc.totalSeconds(), extra.encode());
        sweeps.add(run.getString("sweepId"));
    }

    private static void changed(Set<String> sweeps, String runId, JsonObject changed) {
        if (changed != null) {
            sweeps.add(changed.getString("sweepId"));
            LOG.info("run {} is now {} (attempt {})", runId, changed.getString("state"), changed.getValue("attempt"));
        }
    }

    private static void insertEpochs(Connection c, List<EpochCompleted> epochs) throws SQLException {
        if (epochs.isEmpty()) {
            return;
        }
        Object[] runIds = epochs.stream().map(EpochCompleted::runId).toArray();
        Object[] attempts = epochs.stream().map(EpochCompleted::attempt).toArray();
        Object[] numbers = epochs.stream().map(EpochCompleted::epoch).toArray();
        Object[] valAcc = epochs.stream().map(EpochCompleted::valAcc).toArray();
        try (PreparedStatement ps = c.prepareStatement(INSERT_EPOCHS)) {
            ps.setArray(1, c.createArrayOf("text", runIds));
            ps.setArray(2, c.createArrayOf("int4", attempts));
            ps.setArray(3, c.createArrayOf("int4", numbers));
            ps.setArray(4, c.createArrayOf("float8", epochs.stream().map(EpochCompleted::trainLoss).toArray()));
            ps.setArray(5, c.createArrayOf("float8", epochs.stream().map(EpochCompleted::trainAcc).toArray()));
            ps.setArray(6, c.createArrayOf("float8", epochs.stream().map(EpochCompleted::valLoss).toArray()));
            ps.setArray(7, c.createArrayOf("float8", valAcc));
            ps.setArray(8, c.createArrayOf("float8", epochs.stream().map(EpochCompleted::lr).toArray()));
            ps.setArray(9, c.createArrayOf("float8", epochs.stream().map(EpochCompleted::epochSeconds).toArray()));
            ps.setArray(10, c.createArrayOf("float8", epochs.stream().map(EpochCompleted::imagesPerSecond).toArray()));
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(EPOCH_PROGRESS)) {
            ps.setArray(1, c.createArrayOf("text", runIds));
            ps.setArray(2, c.createArrayOf("int4", attempts));
            ps.setArray(3, c.createArrayOf("int4", numbers));
            ps.setArray(4, c.createArrayOf("float8", valAcc));
            ps.executeUpdate();
        }
    }
}
