package dev.atelier.worker.http;

import static dev.atelier.worker.testing.TestBroker.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.schemas.messages.Topics;
import dev.atelier.worker.service.WorkerVerticle;
import dev.atelier.worker.testing.FakeTrainingEngine;
import dev.atelier.worker.testing.TestBroker;
import dev.atelier.worker.testing.Workers;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /health/live, /health/ready and /metrics of a worker on the shared real broker (engine test double). */
class WorkerOpsIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static TestBroker broker;
    private final HttpClient http = HttpClient.newHttpClient();
    private Vertx vertx;
    private String base;
    @TempDir
    Path artifacts;

    @BeforeAll
    static void broker() {
        broker = TestBroker.onSharedBroker();
    }

    @AfterAll
    static void closeProducer() {
        broker.close();
    }

    @BeforeEach
    void setUp() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void tearDown() {
        Workers.await(vertx.close());
    }

    @Test
    void healthAndMetricsFollowTheWorkerFromStartToShutdown() {
        Topics topics = broker.newTopics();
        WorkerVerticle worker = new WorkerVerticle(Workers.config(broker.bootstrap(), topics, artifacts, "ops-1"), new FakeTrainingEngine(20), "cpu");
        OpsVerticle ops = OpsVerticle.of(worker, 0);
        Workers.await(vertx.deployVerticle(ops));
        base = "http://localhost:" + ops.port();

        assertThat(get("/health/live").statusCode()).isEqualTo(200);
        HttpResponse<String> starting = get("/health/ready");
        assertThat(starting.statusCode()).isEqualTo(503);
        assertThat(new JsonObject(starting.body()).getString("code")).isEqualTo("not_ready");
        assertThat(new JsonObject(starting.body()).getString("message")).contains("starting");

        String deployment = Workers.await(vertx.deployVerticle(worker));
        Workers.waitUntil("ready", WAIT, () -> get("/health/ready").statusCode() == 200);

        broker.requestRun(topics, run("run-a", Map.of("epochs", 2, "max_batches", 3)), 0);
        Workers.waitUntil("completed counter at 1", WAIT, () -> metric("atelier_worker_runs_total", "outcome=\"completed\"").orElse(0) == 1);
        String text = get("/metrics").body();
        assertThat(value(text, "atelier_worker_runs_total", "outcome=\"failed\"")).hasValue(0);
        assertThat(value(text, "atelier_worker_runs_total", "outcome=\"cancelled\"")).hasValue(0);
        assertThat(value(text, "atelier_worker_epoch_seconds_count", "worker=\"ops-1\"")).hasValue(2);
        assertThat(value(text, "atelier_worker_epoch_ack_latency_seconds_count", "worker=\"ops-1\"")).hasValue(2);
        assertThat(value(text, "atelier_worker_images_per_second", "worker=\"ops-1\"")).hasValue(1000);
        assertThat(value(text, "atelier_worker_slots", "worker=\"ops-1\"")).hasValue(1);
        assertThat(value(text, "atelier_worker_runs_in_progress", "worker=\"ops-1\"")).hasValue(0);
        assertThat(get("/health/ready").statusCode()).isEqualTo(200);

        // A long run holds the only slot; two more runs wait behind it on the same partition.
        broker.requestRun(topics, run("run-b", Map.of("epochs", 1, "max_batches", 1500)), 0);
        Workers.waitUntil("run-b in progress", WAIT, () -> metric("atelier_worker_slots_busy", "worker=\"ops-1\"").orElse(0) == 1);
        broker.requestRun(topics, run("run-c", Map.of("epochs", 1)), 0);
        broker.requestRun(topics, run("run-d", Map.of("epochs", 1)), 0);
        Workers.waitUntil("lag 2 on partition 0", WAIT, () -> metric("atelier_worker_runs_consumer_lag", "partition=\"0\"").orElse(-1) == 2);
        assertThat(metric("atelier_worker_runs_in_progress", "worker=\"ops-1\"")).hasValue(1);

        Workers.await(vertx.undeploy(deployment));
        HttpResponse<String> stopped = get("/health/ready");
        assertThat(stopped.statusCode()).isEqualTo(503);
        assertThat(new JsonObject(stopped.body()).getString("message")).contains("shutting down");
        assertThat(get("/health/live").statusCode()).isEqualTo(200);
    }

    @Test
    void unknownPathsGetAnErrorBodyNamingTheEndpoints() {
        OpsVerticle ops = new OpsVerticle(0, Optional::empty, () -> Future.succeededFuture(""));
        Workers.await(vertx.deployVerticle(ops));
        base = "http://localhost:" + ops.port();
        HttpResponse<String> r = get("/healthz");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(new JsonObject(r.body()).getString("message")).contains("/health/ready", "/metrics");
    }

    private OptionalDouble metric(String name, String label) {
        return value(get("/metrics").body(), name, label);
    }

    /** The value of the sample {@code name{...label...}} in Prometheus text, if present. */
    private static OptionalDouble value(String text, String name, String label) {
        return Arrays.stream(text.split("\n"))
                .filter(line -> line.startsWith(name + "{") && line.contains(label))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst();
    }

    private HttpResponse<String> get(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError("GET " + path + " failed: " + e, e);
        }
    }
}
