package dev.atelier.orchestrator.support;

import dev.atelier.orchestrator.Orchestrator;
import dev.atelier.orchestrator.config.OrchestratorConfig;
import dev.atelier.schemas.messages.Topics;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/** One orchestrator under test: its own database and topic prefix on the shared broker and PostgreSQL. */
public final class Harness implements AutoCloseable {
    public static final String TOKEN = "s3cret-token";
    private final Vertx vertx = Vertx.vertx();
    private final HttpClient http = HttpClient.newHttpClient();
    private final OrchestratorConfig config;
    private Orchestrator orchestrator;

    public Harness(Duration runTimeout) {
        TestPostgres pg = TestPostgres.shared();
        config = OrchestratorConfig.defaults()
                .withDb(pg.newDatabase(), pg.user(), pg.password())
                .withKafka(dev.atelier.embedded.EmbeddedKafka.shared().bootstrapServers(), new Topics("t" + UUID.randomUUID().toString().substring(0, 8)))
                .withPort(0).withApiToken(TOKEN).withTimeouts(runTimeout, Duration.ofSeconds(3));
    }

    public Harness start(boolean publish) {
        orchestrator = Orchestrator.start(vertx, config, publish).toCompletionStage().toCompletableFuture().join();
        return this;
    }

    /** Stops the orchestrator abruptly between two steps (its verticles and clients go away; the database stays). */
    public void crash() {
        orchestrator.close();
        orchestrator = null;
    }

    public String baseUrl() {
        return "http://localhost:" + orchestrator.port();
    }

    public Vertx vertx() {
        return vertx;
    }

    public Topics topics() {
        return config.topics();
    }

    public String bootstrap() {
        return config.bootstrap();
    }

    public FakeWorker worker(String id, int slots, int fromPartition, int toPartition) {
        return new FakeWorker(bootstrap(), topics(), id, slots, fromPartition, toPartition);
    }

    public HttpResponse<String> request(String method, String path, String contentType, String body, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + orchestrator.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> put(String path, byte[] body) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + orchestrator.port() + path))
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", "application/octet-stream")
                    .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public JsonObject postSweep(String contentType, String body) {
        HttpResponse<String> r = request("POST", "/api/v1/sweeps", contentType, body, TOKEN);
        if (r.statusCode() != 201) {
            throw new AssertionError("sweep not created: " + r.statusCode() + " " + r.body());
        }
        return new JsonObject(r.body());
    }

    public JsonObject getJson(String path) {
        return new JsonObject(request("GET", path, null, null, null).body());
    }

    public JsonArray getArray(String path) {
        return new JsonArray(request("GET", path, null, null, null).body());
    }

    /** One number from SQL, e.g. {@code SELECT count(*) FROM runs}. */
    public long count(String sql, Object... params) {
        try (Connection c = DriverManager.getConnection(config.dbUrl(), config.dbUser(), config.dbPassword());
             var ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static void await(String what, Duration timeout, BooleanSupplier condition) {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Override
    public void close() {
        if (orchestrator != null) {
            orchestrator.close();
        }
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
