package dev.atelier.orchestrator.sweep;

import dev.atelier.orchestrator.config.OrchestratorConfig;
import dev.atelier.orchestrator.persistence.Db;
import dev.atelier.orchestrator.persistence.Rows;
import dev.atelier.orchestrator.persistence.RunStore;
import dev.atelier.orchestrator.persistence.SweepStore;
import dev.atelier.schemas.config.RunConfig;
import dev.atelier.schemas.sweep.SweepPlanner;
import dev.atelier.schemas.sweep.SweepSpec;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sweep use cases: plan and store a new sweep, cancel it, retry its failed runs. Each is one transaction. */
public final class SweepService {
    private static final Logger LOG = LoggerFactory.getLogger(SweepService.class);
    private final Db db;
    private final OrchestratorConfig config;

    public SweepService(Db db, OrchestratorConfig config) {
        this.db = db;
        this.config = config;
    }

    /** Plans every run (validated like {@code ./atelier train}) and stores the sweep; fails with SweepException. */
    public Future<JsonObject> create(SweepSpec spec) {
        String sweepId = "sw-" + UUID.randomUUID().toString().substring(0, 8);
        return db.tx(c -> {
            List<RunConfig> runs = SweepPlanner.plan(spec, config.maxRunsPerSweep());
            SweepStore.insert(c, sweepId, spec, runs, config.maxAttempts());
            JsonArray planned = new JsonArray();
            for (int i = 0; i < runs.size(); i++) {
                planned.add(new JsonObject().put("id", SweepStore.runId(sweepId, i)).put("idx", i).put("state", "queued")
                        .put("config", new JsonObject(new java.util.LinkedHashMap<>(runs.get(i).nonDefaults()))));
            }
            LOG.info("sweep {} '{}' created with {} runs", sweepId, spec.name(), runs.size());
            return new JsonObject().put("id", sweepId).put("name", spec.name()).put("state", "active").put("runCount", runs.size())
                    .put("maxParallel", spec.maxParallel()).put("priority", spec.priority()).put("seed", spec.seed()).put("runs", planned);
        });
    }

    /** Cancels queued runs at once and asks workers to stop the others; null when the sweep does not exist. */
    public Future<JsonObject> cancel(String sweepId) {
        return db.tx(c -> {
            if (!SweepStore.exists(c, sweepId)) {
                return null;
            }
            int queued = 0;
            int requested = 0;
            for (String runId : RunStore.idsOfSweep(c, sweepId, "queued", "dispatched", "running")) {
                String before = RunStore.cancel(c, config.topics(), runId, "sweep cancelled by the user");
                if ("queued".equals(before)) {
                    queued++;
                } else {
                    requested++;
                }
            }
            Rows.update(c, "UPDATE sweeps SET state = 'cancelled', finished_at = now() WHERE id = ? AND state = 'active'", sweepId);
            LOG.info("sweep {} cancelled: {} queued runs cancelled, {} running runs asked to stop", sweepId, queued, requested);
            return new JsonObject().put("id", sweepId).put("state", "cancelled").put("cancelled", queued).put("cancelRequested", requested);
        });
    }

    /** Queues every failed run of the sweep again with its next attempt; null when the sweep does not exist. */
    public Future<JsonObject> retryFailed(String sweepId) {
        return db.tx(c -> {
            if (!SweepStore.exists(c, sweepId)) {
                return null;
            }
            List<String> failed = RunStore.idsOfSweep(c, sweepId, "failed");
            for (String runId : failed) {
                RunStore.retry(c, runId);
            }
            LOG.info("sweep {}: {} failed runs queued again", sweepId, failed.size());
            return new JsonObject().put("id", sweepId).put("retried", failed.size()).put("runs", new JsonArray(failed));
        });
    }
}
