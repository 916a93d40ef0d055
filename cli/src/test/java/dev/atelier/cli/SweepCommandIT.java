package dev.atelier.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.embedded.EmbeddedKafka;
import dev.atelier.embedded.EmbeddedPostgresDb;
import dev.atelier.orchestrator.Orchestrator;
import dev.atelier.orchestrator.config.OrchestratorConfig;
import dev.atelier.schemas.messages.Topics;
import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code ./atelier sweep} and {@code ./atelier status} against a real orchestrator (real PostgreSQL and Kafka), no worker. */
class SweepCommandIT {
    private static final String TOKEN = "cli-token";
    private static EmbeddedPostgresDb postgres;
    private static Vertx vertx;
    private static Orchestrator orchestrator;
    private static String api;

    record Result(int code, String out, String err) {
    }

    @BeforeAll
    static void startOrchestrator() {
        postgres = EmbeddedPostgresDb.startTemporary();
        vertx = Vertx.vertx();
        OrchestratorConfig config = OrchestratorConfig.defaults()
                .withDb(postgres.createDatabase("cli_sweeps"), postgres.user(), postgres.password())
                .withKafka(EmbeddedKafka.shared().bootstrapServers(), new Topics("cli" + ProcessHandle.current().pid()))
                .withPort(0).withApiToken(TOKEN);
        orchestrator = Orchestrator.start(vertx, config).toCompletionStage().toCompletableFuture().join();
        api = "http://localhost:" + orchestrator.port();
    }

    @AfterAll
    static void stop() {
        if (orchestrator != null) {
            orchestrator.close();
        }
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    private static Result atelier(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void detachedSweepIsStoredAndStatusShowsItsRunsWithTheVaryingParameters() {
        Result submitted = atelier("sweep", "--api", api, "--token", TOKEN, "--detach", "--name", "fcn-vs-cnn",
                "architecture=fcn,cnn", "lr=0.001,0.003", "epochs=5");
        assertThat(submitted.code()).as(submitted.err()).isZero();
        String id = submitted.out().strip();
        assertThat(id).startsWith("sw-");

        Result list = atelier("status", "--api", api);
        assertThat(list.code()).as(list.err()).isZero();
        assertThat(list.out()).contains("SWEEP", "BEST_VAL_ACC");
        assertThat(list.out().lines().filter(l -> l.startsWith(id)).findFirst().orElseThrow())
                .contains("fcn-vs-cnn", "active").containsPattern("4 (queued|dispatched)|\\d+ queued");

        Result one = atelier("status", "--api", api, id);
        assertThat(one.code()).as(one.err()).isZero();
        String header = one.out().lines().findFirst().orElseThrow();
        assertThat(header).contains("RUN", "STATE", "architecture", "lr", "EPOCH", "VAL_ACC", "TEST_ACC")
                .doesNotContain("epochs").doesNotContain("batch_size");
        assertThat(one.out().lines().filter(l -> l.startsWith(id + "-r"))).hasSize(4)
                .anySatisfy(l -> assertThat(l).contains("cnn", "0.003", "-/5"));
        assertThat(one.out()).contains("no run finished with an accuracy");
    }

    @Test
    void refusedSweepPrintsOneLinePerProblemAndExitsTwo() {
        long before = sweepCount();
        Result r = atelier("sweep", "--api", api, "--token", TOKEN, "--detach", "lr=0.001,50", "epochs=0");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("refused the sweep (HTTP 400)")
                .containsPattern("lr.*: '50' is above the maximum \\(allowed: number in \\[1\\.0E-7, 10\\]\\)")
                .containsPattern("epochs.*: '0' is below the minimum \\(allowed: ");
        assertThat(sweepCount()).isEqualTo(before);
    }

    @Test
    void wrongTokenIsRefusedWithExitTwoAndNothingStored() {
        long before = sweepCount();
        Result r = atelier("sweep", "--api", api, "--token", "wrong", "--detach", "epochs=1");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("HTTP 401").containsIgnoringCase("token");
        assertThat(sweepCount()).isEqualTo(before);
    }

    @Test
    void unreachableOrchestratorIsOneClearLineAndExitOne() {
        Result r = atelier("sweep", "--api", "http://localhost:1", "--detach", "epochs=1");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("cannot reach the orchestrator at http://localhost:1");
        Result s = atelier("status", "--api", "http://localhost:1");
        assertThat(s.code()).isEqualTo(1);
        assertThat(s.err()).contains("cannot reach the orchestrator");
    }

    @Test
    void unknownSweepIdIsExplained() {
        Result r = atelier("status", "--api", api, "sw-nope");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("no sweep 'sw-nope'");
    }

    @Test
    void followingEndsWhenTheSweepEndsAndPrintsTheFinalTable() throws Exception {
        CompletableFuture<Result> follow = CompletableFuture.supplyAsync(() -> atelier("sweep", "--api", api, "--token", TOKEN,
                "--interval", "0.2", "--name", "followed", "optimizer=sgd,adam", "epochs=3"));
        String id = awaitSweepNamed("followed");
        HttpResponse<String> cancel = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(api + "/api/v1/sweeps/" + id + "/cancel"))
                .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(cancel.statusCode()).isEqualTo(200);
        Result r = follow.get(30, TimeUnit.SECONDS);
        assertThat(r.out()).contains("sweep " + id + " submitted: 2 runs").contains("optimizer")
                .contains("sweep " + id + " 'followed' cancelled").contains("no run finished with an accuracy");
        assertThat(r.code()).isEqualTo(1);
    }

    private static String awaitSweepNamed(String name) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < end) {
            var line = atelier("status", "--api", api).out().lines().filter(l -> l.contains(" " + name + " ")).findFirst();
            if (line.isPresent()) {
                return line.get().split("\\s+")[0];
            }
            Thread.sleep(100);
        }
        throw new AssertionError("sweep " + name + " never appeared");
    }

    private static long sweepCount() {
        return atelier("status", "--api", api).out().lines().filter(l -> l.startsWith("sw-")).count();
    }
}
