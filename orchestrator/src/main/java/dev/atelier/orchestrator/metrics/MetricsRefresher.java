package dev.atelier.orchestrator.metrics;

import dev.atelier.orchestrator.persistence.Db;
import dev.atelier.orchestrator.persistence.Rows;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.HashMap;
import java.util.Map;

/** Refreshes the run-state gauges from PostgreSQL every few seconds. */
public final class MetricsRefresher extends VerticleBase {
    private final Db db;
    private final OrchestratorMetrics metrics;

    public MetricsRefresher(Db db, OrchestratorMetrics metrics) {
        this.db = db;
        this.metrics = metrics;
    }

    @Override
    public Future<?> start() {
        vertx.setPeriodic(0, 5000, id -> db.tx(c -> {
            Map<String, Long> counts = new HashMap<>();
            Rows.query(c, "SELECT state, count(*) AS n FROM runs GROUP BY state").forEach(r -> counts.put(r.getString("state"), r.getLong("n")));
            return counts;
        }).onSuccess(metrics::runsByState));
        return Future.succeededFuture();
    }
}
