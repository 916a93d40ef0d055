package dev.atelier.orchestrator;

import dev.atelier.orchestrator.config.OrchestratorConfig;
import dev.atelier.orchestrator.dispatch.Dispatcher;
import dev.atelier.orchestrator.dispatch.HeartbeatMonitor;
import dev.atelier.orchestrator.dispatch.OutboxPublisher;
import dev.atelier.orchestrator.http.HttpVerticle;
import dev.atelier.orchestrator.ingestion.EventIngestor;
import dev.atelier.orchestrator.ingestion.HeartbeatIngestor;
import dev.atelier.orchestrator.metrics.MetricsRefresher;
import dev.atelier.orchestrator.metrics.OrchestratorMetrics;
import dev.atelier.orchestrator.persistence.Db;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the orchestrator: opens (and migrates) the database, creates the topics, and deploys the small verticles —
 * HTTP API, outbox publisher, dispatcher, event ingestor, heartbeat ingestor, heartbeat monitor, metrics.
 */
public final class Orchestrator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Orchestrator.class);
    private final Vertx vertx;
    private final Db db;
    private final Admin admin;
    private final Producer<String, String> producer;
    private final List<String> deployments = new ArrayList<>();
    private HttpVerticle http;

    private Orchestrator(Vertx vertx, Db db, Admin admin, Producer<String, String> producer) {
        this.vertx = vertx;
        this.db = db;
        this.admin = admin;
        this.producer = producer;
    }

    /** Starts everything. */
    public static Future<Orchestrator> start(Vertx vertx, OrchestratorConfig config) {
        return start(vertx, config, true);
    }

    /**
     * @param publish false leaves the outbox unsent, as if the process died right after its commits (tests)
     */
    public static Future<Orchestrator> start(Vertx vertx, OrchestratorConfig config, boolean publish) {
        LOG.info("starting orchestrator: {}", config.describe());
        return vertx.executeBlocking(() -> {
            Db db = Db.open(vertx, config.dbUrl(), config.dbUser(), config.dbPassword(), config.dbPoolSize());
            Admin admin = Admin.create(kafkaProps(config));
            TopicSetup.ensure(admin, config.topics());
            return new Orchestrator(vertx, db, admin, new KafkaProducer<>(producerProps(config)));
        }).compose(o -> o.deploy(config, publish).map(o));
    }

    private Future<Void> deploy(OrchestratorConfig config, boolean publish) {
        OrchestratorMetrics metrics = new OrchestratorMetrics();
        http = new HttpVerticle(db, admin, config, metrics);
        List<io.vertx.core.Deployable> verticles = new ArrayList<>(List.of(http, new Dispatcher(db, config),
                new EventIngestor(db, config, producer, metrics), new HeartbeatIngestor(db, config),
                new HeartbeatMonitor(db, config), new MetricsRefresher(db, metrics)));
        if (publish) {
            verticles.add(new OutboxPublisher(db, producer, metrics));
        }
        Future<Void> chain = Future.succeededFuture();
        for (io.vertx.core.Deployable v : verticles) {
            chain = chain.compose(x -> vertx.deployVerticle(v).map(id -> {
                deployments.add(id);
                return null;
            }));
        }
        return chain;
    }

    public int port() {
        return http.port();
    }

    public Db db() {
        return db;
    }

    /** Undeploys the verticles and closes the clients (blocking; not on an event loop). */
    @Override
    public void close() {
        for (String id : deployments) {
            vertx.undeploy(id).toCompletionStage().toCompletableFuture().join();
        }
        producer.close();
        admin.close();
        db.close();
    }

    private static Properties kafkaProps(OrchestratorConfig config) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrap());
        return p;
    }

    private static Properties producerProps(OrchestratorConfig config) {
        Properties p = kafkaProps(config);
        // a record counts as sent only when every in-sync replica has it; retries never duplicate
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return p;
    }
}
