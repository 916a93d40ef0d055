package dev.atelier.orchestrator.http;

import dev.atelier.orchestrator.config.OrchestratorConfig;
import dev.atelier.orchestrator.metrics.OrchestratorMetrics;
import dev.atelier.orchestrator.persistence.Db;
import dev.atelier.orchestrator.persistence.Rows;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;

/** Workers, health, Prometheus metrics and the OpenAPI document. */
final class OpsRoutes {
    private final Db db;
    private final Admin admin;
    private final OrchestratorConfig config;
    private final OrchestratorMetrics metrics;
    private final ContractValidator contract;

    OpsRoutes(Db db, Admin admin, OrchestratorConfig config, OrchestratorMetrics metrics, ContractValidator contract) {
        this.db = db;
        this.admin = admin;
        this.config = config;
        this.metrics = metrics;
        this.contract = contract;
    }

    void mount(Router router) {
        router.get("/api/v1/workers").handler(ctx -> Http.json(ctx, 200, db.tx(c -> Rows.query(c, """
                SELECT id, host, device, slots, busy_slots,
                       CASE WHEN last_seen < now() - make_interval(secs => ?) THEN 'offline' ELSE state END AS state,
                       current, partitions, images_per_second, last_seen FROM workers ORDER BY id""",
                config.workerTimeout().toMillis() / 1000.0))));
        router.get("/api/v1/openapi.yaml").handler(ctx -> ctx.response().putHeader("Content-Type", "application/yaml").end(contract.yaml()));
        router.get("/health/live").handler(ctx -> Http.json(ctx, 200, Future.succeededFuture(new JsonObject().put("status", "UP"))));
        router.get("/health/ready").handler(ctx -> {
            Future<String> database = db.tx(c -> Rows.one(c, "SELECT 1 AS ok") != null ? "UP" : "DOWN").otherwise(e -> "DOWN: " + e.getMessage());
            Future<String> kafka = ctx.vertx().executeBlocking(() -> {
                admin.describeCluster().clusterId().get(2, TimeUnit.SECONDS);
                return "UP";
            }, false).otherwise(e -> "DOWN: " + e);
            Future.all(database, kafka).onComplete(ar -> {
                boolean up = database.result().equals("UP") && kafka.result().equals("UP");
                ctx.response().setStatusCode(up ? 200 : 503).putHeader("Content-Type", "application/json")
                        .end(new JsonObject().put("status", up ? "UP" : "DOWN").put("database", database.result()).put("kafka", kafka.result()).encode());
            });
        });
        router.get("/metrics").handler(ctx -> ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4").end(metrics.scrape()));
    }
}
