package dev.atelier.orchestrator.dispatch;

import dev.atelier.orchestrator.config.OrchestratorConfig;
import dev.atelier.orchestrator.persistence.Db;
import dev.atelier.orchestrator.persistence.Rows;
import dev.atelier.orchestrator.persistence.RunStore;
import dev.atelier.orchestrator.persistence.SweepStore;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds runs whose worker went silent for run_timeout (or that a live worker no longer lists for that long) and
 * requeues them with attempt + 1 (they resume from their latest checkpoint), or fails them after max_attempts.
 */
public final class HeartbeatMonitor extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(HeartbeatMonitor.class);
    private static final String LOST = """
            SELECT r.id, r.attempt, r.worker_id FROM runs r LEFT JOIN workers w ON w.id = r.worker_id
            WHERE r.state IN ('dispatched', 'running') AND (w.id IS NULL OR w.last_seen < now() - make_interval(secs => ?)
               OR (r.updated_at < now() - make_interval(secs => ?)
                   AND NOT w.current @> jsonb_build_array(jsonb_build_object('runId', r.id, 'attempt', r.attempt))))
            FOR UPDATE OF r SKIP LOCKED""";
    private final Db db;
    private final OrchestratorConfig config;
    private boolean busy;

    public HeartbeatMonitor(Db db, OrchestratorConfig config) {
        this.db = db;
        this.config = config;
    }

    @Override
    public Future<?> start() {
        long period = Math.max(200, Math.min(1000, config.runTimeout().toMillis() / 4));
        vertx.setPeriodic(period, id -> check());
        return Future.succeededFuture();
    }

    private void check() {
        if (busy) {
            return;
        }
        busy = true;
        double timeout = config.runTimeout().toMillis() / 1000.0;
        db.tx(c -> {
            List<JsonObject> changed = new ArrayList<>();
            for (JsonObject run : Rows.query(c, LOST, timeout, timeout)) {
                String reason = "worker " + run.getString("workerId") + " stopped reporting run " + run.getString("id")
                        + " for " + config.runTimeout().toSeconds() + " s";
                JsonObject after = RunStore.requeueOrFail(c, run.getString("id"), run.getInteger("attempt"), reason);
                if (after != null) {
                    SweepStore.finishIfDone(c, after.getString("sweepId"));
                    changed.add(after.put("id", run.getString("id")).put("reason", reason));
                }
            }
            return changed;
        }).onSuccess(changed -> {
            changed.forEach(r -> LOG.warn("run {} of sweep {}: {}; now {} (attempt {})", r.getString("id"), r.getString("sweepId"),
                    r.getString("reason"), r.getString("state"), r.getInteger("attempt")));
            if (!changed.isEmpty()) {
                vertx.eventBus().send(Dispatcher.WAKE, null);
            }
        }).onFailure(e -> LOG.warn("timeout check failed: {}", e.toString())).onComplete(ar -> busy = false);
    }
}
