package dev.atelier.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Health checks and Prometheus metrics against a real PostgreSQL, and readiness when the database is unreachable. */
class OperationsIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static StoreFixture store;
    private static Vertx vertx;
    private static Dashboard dashboard;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        store = new StoreFixture("dash_ops");
        store.sweep("s-ops", "ops", Instant.parse("2026-01-01T00:00:00Z"), "active");
        String[] states = {"queued", "queued", "dispatched", "running", "completed", "completed", "completed", "failed"};
        for (int i = 0; i < states.length; i++) {
            store.run("ops-" + i, "s-ops", i, new JsonObject().put("lr", 0.001), states[i], null, null);
        }
        vertx = Vertx.vertx();
        dashboard = Dashboard.start(vertx, config(store.jdbcUrl)).await();
        base = "http://127.0.0.1:" + dashboard.port();
    }

    @AfterAll
    static void stop() {
        if (dashboard != null) {
            dashboard.close();
        }
        if (vertx != null) {
            vertx.close().await();
        }
        if (store != null) {
            store.close();
        }
    }

    @Test
    void liveAndReadyAnswer200WhenTheDatabaseAndListenerAreUp() throws Exception {
        assertThat(get(base, "/health/live").statusCode()).isEqualTo(200);
        HttpResponse<String> ready = awaitStatus(base, "/health/ready", 200);
        assertThat(new JsonObject(ready.body())).isEqualTo(new JsonObject().put("status", "up").put("database", "up").put("listener", "up"));
    }

    @Test
    void metricsShowTheSeededRunCountsQueueDepthStreamsPushesAndRouteLatency() throws Exception {
        store.run("ops-live", "s-ops", 99, new JsonObject(), "running", null, null);
        awaitStatus(base, "/health/ready", 200);
        HttpResponse<InputStream> stream = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/events?run=ops-live")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        CountDownLatch epochSeen = new CountDownLatch(1);
        Thread reader = new Thread(() -> awaitEpoch(stream.body(), epochSeen), "sse-reader");
        reader.setDaemon(true);
        reader.start();
        assertThat(get(base, "/api/sweeps/s-ops").statusCode()).isEqualTo(200);
        assertThat(get(base, "/api/sweeps/no-such-sweep").statusCode()).isEqualTo(404);
        store.epoch("ops-live", 1, 1, 0.7);
        assertThat(epochSeen.await(5, TimeUnit.SECONDS)).as("epoch event on the stream").isTrue();

        HttpResponse<String> metrics = awaitMetric("atelier_runs{state=\"queued\"} 2.0");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
        String text = metrics.body();
        assertThat(value(text, "atelier_runs{state=\"queued\"}")).isEqualTo(2);
        assertThat(value(text, "atelier_runs{state=\"dispatched\"}")).isEqualTo(1);
        assertThat(value(text, "atelier_runs{state=\"completed\"}")).isEqualTo(3);
        assertThat(value(text, "atelier_runs{state=\"failed\"}")).isEqualTo(1);
        assertThat(value(text, "atelier_runs{state=\"cancelled\"}")).isEqualTo(0);
        assertThat(value(text, "atelier_queue_depth")).isEqualTo(3);
        assertThat(value(text, "atelier_dashboard_sse_clients")).isEqualTo(1);
        assertThat(value(text, "atelier_dashboard_sse_events_pushed_total")).isGreaterThanOrEqualTo(1);
        assertThat(value(text, "atelier_dashboard_push_latency_seconds_count")).isGreaterThanOrEqualTo(1);
        assertThat(value(text, "atelier_dashboard_http_requests_seconds_count{method=\"GET\",route=\"/api/sweeps/:id\",status=\"200\"}"))
                .isEqualTo(1);
        assertThat(value(text, "atelier_dashboard_http_requests_seconds_count{method=\"GET\",route=\"/api/sweeps/:id\",status=\"404\"}"))
                .isEqualTo(1);
        assertThat(text).doesNotContain("route=\"/api/events\"");
        stream.body().close();
    }

    @Test
    void readyIs503NamingTheDatabaseAndListenerWhenPostgresIsUnreachable() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Vertx own = Vertx.vertx(); // its own event bus, so it never sees the live dashboard's notifications
        Dashboard broken = Dashboard.start(own, config("jdbc:postgresql://127.0.0.1:" + closedPort + "/atelier")).await();
        try {
            String brokenBase = "http://127.0.0.1:" + broken.port();
            assertThat(get(brokenBase, "/health/live").statusCode()).isEqualTo(200);
            HttpResponse<String> ready = get(brokenBase, "/health/ready");
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(new JsonObject(ready.body()))
                    .isEqualTo(new JsonObject().put("status", "down").put("database", "down").put("listener", "down"));
        } finally {
            broken.close();
            own.close().await();
        }
    }

    private static DashboardConfig config(String jdbcUrl) {
        return new DashboardConfig(jdbcUrl, store.user(), store.password(), URI.create("http://127.0.0.1:9"), "127.0.0.1", 0);
    }

    /** The LISTEN thread connects on its own schedule; readiness follows within a few seconds. */
    private static HttpResponse<String> awaitStatus(String base, String path, int status) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        HttpResponse<String> resp = get(base, path);
        while (resp.statusCode() != status && System.nanoTime() < deadline) {
            Thread.sleep(100);
            resp = get(base, path);
        }
        assertThat(resp.statusCode()).as("%s: %s", path, resp.body()).isEqualTo(status);
        return resp;
    }

    /** The gauges are refreshed off the request path, right after start-up and every 5 s. */
    private static HttpResponse<String> awaitMetric(String line) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        HttpResponse<String> resp = get(base, "/metrics");
        while (!resp.body().contains(line) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            resp = get(base, "/metrics");
        }
        return resp;
    }

    private static void awaitEpoch(InputStream body, CountDownLatch seen) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.equals("event: epoch")) {
                    seen.countDown();
                }
            }
        } catch (java.io.IOException e) {
            // stream closed by the test
        }
    }

    private static double value(String prometheusText, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(prometheusText);
        assertThat(m.find()).as("series %s in%n%s", series, prometheusText).isTrue();
        return Double.parseDouble(m.group(1));
    }

    private static HttpResponse<String> get(String base, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
