package dev.atelier.dashboard;

import dev.atelier.embedded.EmbeddedKafka;
import dev.atelier.embedded.EmbeddedPostgresDb;
import dev.atelier.orchestrator.Orchestrator;
import dev.atelier.orchestrator.config.OrchestratorConfig;
import dev.atelier.schemas.messages.Topics;
import dev.atelier.worker.service.WorkerConfig;
import dev.atelier.worker.service.WorkerVerticle;
import dev.atelier.worker.training.DjlTrainingEngine;
import io.vertx.core.Vertx;
import java.net.URI;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * The whole platform in the test JVM, all real: PostgreSQL, a KRaft Kafka broker, the orchestrator, one worker
 * training with DJL on Fashion-MNIST, and the dashboard in front of them. The API token is set, as in production.
 */
final class AtelierStack implements AutoCloseable {
    /** The orchestrator requires this bearer token on every change, as with ATELIER_API_TOKEN. */
    static final String TOKEN = "e2e-Secret-Token-9431";
    final EmbeddedPostgresDb postgres;
    final EmbeddedKafka kafka;
    final Vertx vertx = Vertx.vertx();
    final Orchestrator orchestrator;
    final String workerDeployment;
    final Dashboard dashboard;
    final String jdbcUrl;

    AtelierStack() {
        postgres = EmbeddedPostgresDb.startTemporary();
        kafka = EmbeddedKafka.start();
        jdbcUrl = postgres.createDatabase("atelier_e2e");
        Topics topics = new Topics("e2e" + UUID.randomUUID().toString().substring(0, 8));
        orchestrator = Orchestrator.start(vertx, OrchestratorConfig.defaults()
                .withDb(jdbcUrl, postgres.user(), postgres.password())
                .withKafka(kafka.bootstrapServers(), topics).withPort(0).withApiToken(TOKEN)).await();
        String orchestratorUrl = "http://localhost:" + orchestrator.port();
        WorkerConfig worker = new WorkerConfig(kafka.bootstrapServers(), orchestratorUrl, 1, OptionalInt.empty(), 1, null, topics,
                "worker-e2e", "localhost", WorkerConfig.DEFAULT_SESSION_TIMEOUT_MS, TOKEN, WorkerConfig.DEFAULT_MAX_POLL_INTERVAL_MS);
        workerDeployment = vertx.deployVerticle(new WorkerVerticle(worker, new DjlTrainingEngine(), "cpu")).await();
        dashboard = Dashboard.start(vertx, new DashboardConfig(jdbcUrl, postgres.user(), postgres.password(),
                URI.create(orchestratorUrl), "127.0.0.1", 0)).await();
    }

    String dashboardUrl() {
        return "http://127.0.0.1:" + dashboard.port() + "/";
    }

    @Override
    public void close() {
        dashboard.close();
        vertx.undeploy(workerDeployment).await();
        orchestrator.close();
        vertx.close().await();
        kafka.close();
        postgres.close();
    }
}
