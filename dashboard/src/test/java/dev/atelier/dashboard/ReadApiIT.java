package dev.atelier.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.schemas.config.RunOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The dashboard's read API and live events against a real PostgreSQL seeded the way the orchestrator writes it. */
class ReadApiIT {
    private static final Logger LOG = LoggerFactory.getLogger(ReadApiIT.class);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static StoreFixture store;
    private static Vertx vertx;
    private static Dashboard dashboard;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        store = new StoreFixture("dash_read");
        vertx = Vertx.vertx();
        dashboard = Dashboard.start(vertx, new DashboardConfig(store.jdbcUrl, store.user(), store.password(),
                URI.create("http://127.0.0.1:9"), "127.0.0.1", 0)).await();
        base = "http://127.0.0.1:" + dashboard.port();
        seed();
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

    private static void seed() throws Exception {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < 25; i++) {
            store.sweep("old-" + i, "sweep number " + i, t0.plusSeconds(i * 60L), "finished");
        }
        store.sweep("s-main", "fcn vs cnn", t0.plusSeconds(86_400), "active");
        store.run("r-0", "s-main", 0, new JsonObject().put("architecture", "fcn").put("lr", 0.001), "completed", 0.88, 0.87);
        store.run("r-1", "s-main", 1, new JsonObject().put("architecture", "cnn").put("lr", 0.001), "running", 0.91, null);
        store.run("r-2", "s-main", 2, new JsonObject().put("architecture", "cnn").put("lr", 0.003), "queued", null, null);
        store.run("r-3", "s-main", 3, new JsonObject().put("architecture", "fcn").put("lr", 0.003), "failed", null, null);
        store.epoch("r-0", 1, 1, 0.80);
        store.epoch("r-0", 1, 2, 0.88);
        store.epoch("r-1", 1, 1, 0.85);
        store.epoch("r-1", 2, 1, 0.86);
        store.epoch("r-1", 2, 2, 0.91);
        store.result("r-0", 0.87, StoreFixture.confusion(90));
        store.artifact("r-0", "model.params", "application/octet-stream", new byte[]{1, 2, 3, 4});
        store.artifact("r-0", "gan-samples.png", "image/png", new byte[]{(byte) 0x89, 'P', 'N', 'G'});
        store.sweep("s-big", "big", Instant.parse("2025-01-01T00:00:00Z"), "finished");
        try (var c = store.connect()) {
            c.createStatement().execute("""
                    INSERT INTO runs (id, sweep_id, idx, config, state)
                      SELECT 'big-' || i, 's-big', i, '{"lr": 0.001}'::jsonb, 'completed' FROM generate_series(0, 199) i;
                    INSERT INTO epoch_metrics (run_id, attempt, epoch, train_loss, train_acc, val_loss, val_acc, lr, epoch_seconds, images_per_second)
                      SELECT 'big-' || i, 1, e, 1.0 / e, 0.5 + e / 200.0, 1.0 / e, 0.5 + e / 100.0, 0.001, 1, 1
                      FROM generate_series(0, 199) i, generate_series(1, 50) e;
                    """);
        }
        store.worker("w-1", "busy", new JsonArray().add(new JsonObject().put("runId", "r-1").put("attempt", 2).put("epoch", 2)));
    }

    @Test
    void sweepsAreListedNewestFirstWithPagingAndProgress() throws Exception {
        JsonObject first = getJson("/api/sweeps?page=0&size=10");
        assertThat(first.getLong("total")).isEqualTo(27);
        JsonArray items = first.getJsonArray("items");
        assertThat(items).hasSize(10);
        JsonObject main = items.getJsonObject(0);
        assertThat(main.getString("name")).isEqualTo("fcn vs cnn");
        assertThat(main.getInteger("total")).isEqualTo(4);
        assertThat(main.getInteger("completed")).isEqualTo(1);
        assertThat(main.getInteger("failed")).isEqualTo(1);
        assertThat(main.getInteger("running")).isEqualTo(1);
        assertThat(main.getDouble("best_val_acc")).isEqualTo(0.91);
        assertThat(main.getDouble("best_test_acc")).isEqualTo(0.87);
        assertThat(items.getJsonObject(1).getString("id")).isEqualTo("old-24");

        JsonObject last = getJson("/api/sweeps?page=2&size=10");
        assertThat(last.getJsonArray("items")).extracting(i -> ((JsonObject) i).getString("id"))
                .containsExactly("old-5", "old-4", "old-3", "old-2", "old-1", "old-0", "s-big");
    }

    @Test
    void sweepDetailHasEveryRunWithItsLatestEpochOfTheNewestAttempt() throws Exception {
        JsonObject sweep = getJson("/api/sweeps/s-main");
        JsonArray runs = sweep.getJsonArray("runs");
        assertThat(runs).extracting(r -> ((JsonObject) r).getString("id")).containsExactly("r-0", "r-1", "r-2", "r-3");
        JsonObject r1 = runs.getJsonObject(1);
        assertThat(r1.getJsonObject("config").getString("architecture")).isEqualTo("cnn");
        assertThat(r1.getDouble("val_acc")).isEqualTo(0.91);
        assertThat(r1.getInteger("last_epoch")).isEqualTo(2);
        assertThat(sweep.getJsonObject("spec").getString("name")).isEqualTo("fcn vs cnn");
    }

    @Test
    void curvesKeepTheNewestAttemptPerEpoch() throws Exception {
        JsonObject r1 = getJson("/api/sweeps/s-main/curves").getJsonObject("runs").getJsonObject("r-1");
        assertThat(r1.getJsonArray("epoch")).containsExactly(1, 2);
        assertThat(r1.getJsonArray("val_acc")).containsExactly(0.86, 0.91);
    }

    @Test
    void twoHundredRunsOfFiftyEpochsAreDownsampledOnTheServer() throws Exception {
        long t = System.nanoTime();
        HttpResponse<String> full = get("/api/sweeps/s-big/curves");
        long coldMillis = (System.nanoTime() - t) / 1_000_000;
        t = System.nanoTime();
        full = get("/api/sweeps/s-big/curves");
        long fullMillis = (System.nanoTime() - t) / 1_000_000;
        t = System.nanoTime();
        JsonObject small = getJson("/api/sweeps/s-big/curves?points=20");
        long smallMillis = (System.nanoTime() - t) / 1_000_000;
        LOG.info("200 runs x 50 epochs: curves at 100 points {} ms (first call {} ms; {} bytes), at 20 points {} ms",
                fullMillis, coldMillis, full.body().length(), smallMillis);

        JsonObject runs = small.getJsonObject("runs");
        assertThat(runs.size()).isEqualTo(200);
        assertThat(small.getBoolean("downsampled")).isTrue();
        JsonArray epochs = runs.getJsonObject("big-7").getJsonArray("epoch");
        assertThat(epochs).hasSize(20);
        assertThat(epochs.getInteger(0)).isEqualTo(1);
        assertThat(epochs.getInteger(19)).isEqualTo(50);
        assertThat(runs.getJsonObject("big-7").getJsonArray("val_acc").getDouble(19)).isEqualTo(1.0);
        assertThat(new JsonObject(full.body()).getJsonObject("runs").getJsonObject("big-0").getJsonArray("epoch")).hasSize(50);
    }

    @Test
    void runDetailHasResultsConfusionMatrixAndArtifacts() throws Exception {
        JsonObject run = getJson("/api/runs/r-0");
        assertThat(run.getString("sweep_name")).isEqualTo("fcn vs cnn");
        JsonObject result = run.getJsonObject("result");
        assertThat(result.getDouble("test_acc")).isEqualTo(0.87);
        assertThat(result.getJsonArray("confusion_matrix")).hasSize(10);
        assertThat(result.getJsonArray("confusion_matrix").getJsonArray(3).getInteger(3)).isEqualTo(90);
        assertThat(result.getJsonArray("per_class_accuracy")).hasSize(10);
        assertThat(run.getJsonArray("artifacts")).extracting(a -> ((JsonObject) a).getString("name"))
                .containsExactly("gan-samples.png", "model.params");

        HttpResponse<byte[]> params = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/runs/r-0/artifacts/model.params")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(params.body()).containsExactly(1, 2, 3, 4);
        assertThat(params.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"model.params\"");
        HttpResponse<String> image = get("/api/runs/r-0/artifacts/gan-samples.png");
        assertThat(image.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(image.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("inline");
    }

    @Test
    void workersShowTheirCurrentRunAndEpoch() throws Exception {
        JsonObject w = getJson("/api/workers").getJsonArray("items").getJsonObject(0);
        assertThat(w.getString("id")).isEqualTo("w-1");
        assertThat(w.getJsonArray("current").getJsonObject(0).getInteger("epoch")).isEqualTo(2);
        assertThat(w.getDouble("seconds_since_seen")).isBetween(0.0, 60.0);
    }

    @Test
    void mistakesGetSpecificErrors() throws Exception {
        HttpResponse<String> missing = get("/api/sweeps/nope");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(new JsonObject(missing.body()).getString("message")).isEqualTo("no sweep with id 'nope'");

        HttpResponse<String> badPage = get("/api/sweeps?size=500");
        assertThat(badPage.statusCode()).isEqualTo(400);
        JsonObject detail = new JsonObject(badPage.body()).getJsonArray("details").getJsonObject(0);
        assertThat(detail.getString("field")).isEqualTo("size");
        assertThat(detail.getString("allowed")).isEqualTo("integer in [1, 100]");

        HttpResponse<String> noArtifact = get("/api/runs/r-0/artifacts/none.bin");
        assertThat(noArtifact.statusCode()).isEqualTo(404);
        assertThat(noArtifact.body()).contains("run 'r-0' has no artifact named 'none.bin'");
    }

    @Test
    void mutatingCallsGoToTheOrchestratorAndSayWhenItIsDown() throws Exception {
        HttpResponse<String> resp = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/runs/r-1/cancel"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(resp.statusCode()).isEqualTo(502);
        assertThat(new JsonObject(resp.body()).getString("code")).isEqualTo("orchestrator_unavailable");
        assertThat(new JsonObject(resp.body()).getString("message")).contains("http://127.0.0.1:9");
    }

    @Test
    void formDefinitionsAndRunCountComeFromTheSharedOptions() throws Exception {
        JsonArray options = getJson("/api/options").getJsonArray("options");
        assertThat(options).hasSize(RunOptions.ALL.size());
        JsonObject lr = options.stream().map(o -> (JsonObject) o).filter(o -> o.getString("key").equals("lr")).findFirst().orElseThrow();
        assertThat(lr.getDouble("default")).isEqualTo(0.001);
        assertThat(lr.getString("allowed")).isEqualTo(RunOptions.find("lr").orElseThrow().allowed());

        JsonObject spec = new JsonObject().put("grid", new JsonObject().put("architecture", new JsonArray().add("fcn").add("cnn"))
                .put("lr", new JsonArray().add(0.001).add(0.003).add(0.01))).put("trials", 2);
        HttpResponse<String> preview = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/sweeps/preview"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(spec.encode())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(new JsonObject(preview.body()).getLong("runs")).isEqualTo(12);
    }

    @Test
    void pagesCarryAStrictContentSecurityPolicyAndNoInlineScript() throws Exception {
        HttpResponse<String> index = get("/");
        String csp = index.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("script-src 'self'").contains("default-src 'none'").doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
        assertThat(index.body()).contains("<script type=\"module\" src=\"/app/main.js\">");
        assertThat(index.body().split("<script")).allSatisfy(part -> assertThat(part.startsWith(">")).isFalse());
        assertThat(index.body()).doesNotContainPattern("\\son[a-z]+=");
        HttpResponse<String> echarts = get("/vendor/echarts/echarts.min.js");
        assertThat(echarts.statusCode()).isEqualTo(200);
        assertThat(echarts.body()).contains("echarts");
    }

    @Test
    void aNewEpochReachesAnOpenEventStreamWithinOneSecond() throws Exception {
        store.run("r-live", "s-main", 4, new JsonObject().put("architecture", "fcn"), "running", null, null);
        BlockingQueue<JsonObject> events = new ArrayBlockingQueue<>(100);
        HttpResponse<java.io.InputStream> stream = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/events?run=r-live")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
        Thread reader = new Thread(() -> readEvents(stream, events), "sse-reader");
        reader.setDaemon(true);
        reader.start();
        Thread.sleep(300);
        List<Long> latencies = new ArrayList<>();
        for (int epoch = 1; epoch <= 20; epoch++) {
            long t = System.nanoTime();
            store.epoch("r-live", 1, epoch, 0.5 + epoch / 100.0);
            JsonObject event = events.poll(5, TimeUnit.SECONDS);
            latencies.add((System.nanoTime() - t) / 1_000_000);
            assertThat(event).as("epoch %d event", epoch).isNotNull();
            assertThat(event.getString("runId")).isEqualTo("r-live");
            assertThat(event.getInteger("epoch")).isEqualTo(epoch);
            assertThat(event.getDouble("val_acc")).isEqualTo(0.5 + epoch / 100.0);
        }
        stream.body().close();
        List<Long> sorted = latencies.stream().sorted().toList();
        long p95 = sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1);
        LOG.info("insert -> SSE event latency over 20 epochs: median {} ms, p95 {} ms, max {} ms", sorted.get(10), p95, sorted.get(19));
        assertThat(p95).isLessThan(1000);
    }

    private static void readEvents(HttpResponse<java.io.InputStream> stream, BlockingQueue<JsonObject> out) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            String kind = null;
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("event: ")) {
                    kind = line.substring(7);
                } else if (line.startsWith("data: ") && "epoch".equals(kind)) {
                    out.add(new JsonObject(line.substring(6)));
                }
            }
        } catch (java.io.IOException e) {
            // stream closed by the test
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject getJson(String path) throws Exception {
        HttpResponse<String> resp = get(path);
        assertThat(resp.statusCode()).as("GET %s: %s", path, resp.body()).isEqualTo(200);
        return new JsonObject(resp.body());
    }
}
