package dev.atelier.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts {@code ./atelier up} as a separate process exactly as a user would (after {@code mvn package} built it),
 * submits a sweep over HTTP, waits for it to finish, checks results through the API and the dashboard's read API,
 * stops it with SIGTERM, starts it again and finds the sweep and its results still there.
 */
class UpE2E {
    private static final Path REPO = Path.of("").toAbsolutePath().getParent();
    private static final String TOKEN = "e2e-token";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Process up;

    @TempDir
    Path home;

    @AfterEach
    void stop() throws InterruptedException {
        if (up != null && up.isAlive()) {
            up.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aSweepSubmittedOverHttpFinishesAndSurvivesARestart() throws Exception {
        int apiPort = freePort();
        int dashboardPort = freePort();
        String api = "http://localhost:" + apiPort;
        String dashboard = "http://localhost:" + dashboardPort;

        startUp(apiPort, dashboardPort);
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(api + "/api/v1/sweeps"))
                .header("Content-Type", "text/plain").header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString("name=e2e architecture=fcn epochs=2 max_batches=40 lr=0.001,0.003")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String sweepId = new JsonObject(created.body()).getString("id");

        JsonObject sweep = poll(api + "/api/v1/sweeps/" + sweepId, s -> completed(s) == 2, Duration.ofMinutes(6));
        JsonArray runs = sweep.getJsonArray("runs");
        assertThat(runs).hasSize(2);
        String runId = runs.getJsonObject(0).getString("id");
        JsonObject run = getJson(api + "/api/v1/runs/" + runId);
        assertThat(run.getString("state")).isEqualTo("completed");
        JsonArray metrics = new JsonArray(get(api + "/api/v1/runs/" + runId + "/metrics"));
        assertThat(metrics).hasSize(2);
        assertThat(metrics.encode()).contains("\"epoch\":1").contains("\"epoch\":2");

        JsonObject viaDashboard = getJson(dashboard + "/api/runs/" + runId);
        assertThat(viaDashboard.encode()).contains(runId).contains("confusion");
        assertThat(getJson(dashboard + "/api/sweeps/" + sweepId).encode()).contains("e2e");

        up.destroy(); // SIGTERM, as Ctrl-C
        assertThat(up.waitFor(90, TimeUnit.SECONDS)).as("up stops within 90 s of SIGTERM").isTrue();

        startUp(apiPort, dashboardPort);
        JsonObject again = getJson(api + "/api/v1/sweeps/" + sweepId);
        assertThat(completed(again)).isEqualTo(2);
        assertThat(getJson(api + "/api/v1/runs/" + runId).encode()).isEqualTo(run.encode());
        assertThat(getJson(dashboard + "/api/runs/" + runId).encode()).contains("confusion");
    }

    private void startUp(int apiPort, int dashboardPort) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(List.of(REPO.resolve("atelier").toString(), "up", "--home", home.toString(),
                "--kafka-port", "0", "--db-port", "0", "--api-port", String.valueOf(apiPort), "--dashboard-port", String.valueOf(dashboardPort)))
                .directory(REPO.toFile()).redirectError(home.resolve("up-stderr.log").toFile());
        pb.environment().put("ATELIER_NO_BUILD", "1");
        pb.environment().put("ATELIER_API_TOKEN", TOKEN);
        pb.environment().put("ATELIER_JAVA_OPTS", "-Xmx3g");
        up = pb.start();
        CompletableFuture<Boolean> ready = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(up.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    if (line.contains("API token:")) {
                        assertThat(line).contains(TOKEN);
                        return true;
                    }
                }
                return false;
            } catch (IOException e) {
                return false;
            }
        });
        boolean started = ready.get(240, TimeUnit.SECONDS);
        assertThat(started).as("./atelier up printed its URLs; stderr: %s", tail(home.resolve("up-stderr.log"))).isTrue();
    }

    private static int completed(JsonObject sweep) {
        JsonObject counts = sweep.getJsonObject("counts", new JsonObject());
        return counts.getInteger("completed", 0);
    }

    private JsonObject poll(String url, Predicate<JsonObject> done, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonObject last = null;
        while (System.nanoTime() < deadline) {
            last = getJson(url);
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("not done within " + timeout + ": " + last + "\nstderr: " + tail(home.resolve("up-stderr.log")));
    }

    private JsonObject getJson(String url) throws Exception {
        return new JsonObject(get(url));
    }

    private String get(String url) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url + " -> " + response.body()).isEqualTo(200);
        return response.body();
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
