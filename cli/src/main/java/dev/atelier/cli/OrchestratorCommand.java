package dev.atelier.cli;

import dev.atelier.orchestrator.Orchestrator;
import dev.atelier.orchestrator.config.OrchestratorConfig;
import dev.atelier.schemas.messages.Topics;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./atelier orchestrator}: the sweeps API, the PostgreSQL store, dispatch to Kafka and event ingestion. */
@Command(name = "orchestrator", mixinStandardHelpOptions = true,
        description = {"Run the orchestrator (sweeps API, store, dispatch).",
                "Environment: ATELIER_API_TOKEN (bearer token for mutating endpoints), ATELIER_DB_PASSWORD."})
final class OrchestratorCommand implements Callable<Integer> {
    @Option(names = "--db", description = "JDBC URL of PostgreSQL (default: ${DEFAULT-VALUE})", defaultValue = "jdbc:postgresql://localhost:5432/atelier")
    String db;
    @Option(names = "--db-user", description = "database user (default: ${DEFAULT-VALUE})", defaultValue = "atelier")
    String dbUser;
    @Option(names = "--db-password", description = "database password (default: $ATELIER_DB_PASSWORD or 'atelier')")
    String dbPassword;
    @Option(names = "--bootstrap", description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE})", defaultValue = "localhost:9092")
    String bootstrap;
    @Option(names = "--port", description = "HTTP port (default: ${DEFAULT-VALUE})", defaultValue = "8081")
    int port;
    @Option(names = "--topic-prefix", description = "Kafka topic prefix (default: ${DEFAULT-VALUE})", defaultValue = "atelier")
    String topicPrefix;
    @Option(names = "--run-timeout", description = "seconds without heartbeat before a run is requeued (default: ${DEFAULT-VALUE})", defaultValue = "60")
    long runTimeoutSeconds;

    @Override
    public Integer call() throws Exception {
        String password = dbPassword != null ? dbPassword : System.getenv().getOrDefault("ATELIER_DB_PASSWORD", "atelier");
        OrchestratorConfig defaults = OrchestratorConfig.defaults().withEnvironment(System.getenv());
        OrchestratorConfig config = defaults.withDb(db, dbUser, password).withKafka(bootstrap, new Topics(topicPrefix)).withPort(port)
                .withTimeouts(Duration.ofSeconds(runTimeoutSeconds), defaults.workerTimeout());
        Vertx vertx = Vertx.vertx();
        Orchestrator orchestrator;
        try {
            orchestrator = Orchestrator.start(vertx, config).toCompletionStage().toCompletableFuture().join();
        } catch (RuntimeException e) {
            System.err.println("atelier orchestrator: cannot start: " + Errors.rootMessage(e));
            vertx.close();
            return 1;
        }
        System.out.println("orchestrator up: http://localhost:" + orchestrator.port() + "/api/v1/sweeps  (API: /api/v1/openapi.yaml)");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            orchestrator.close();
            vertx.close().toCompletionStage().toCompletableFuture().join();
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }

}
