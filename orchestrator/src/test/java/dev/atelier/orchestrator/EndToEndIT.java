package dev.atelier.orchestrator;

import static dev.atelier.orchestrator.support.Harness.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.orchestrator.support.Harness;
import dev.atelier.worker.service.WorkerConfig;
import dev.atelier.worker.service.WorkerVerticle;
import dev.atelier.worker.training.DjlTrainingEngine;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** A sweep of two tiny FCN runs trains to the end through a real worker (DJL on the real Fashion-MNIST data). */
class EndToEndIT {

    @Test
    void twoTinyFcnRunsCompleteThroughARealWorker() {
        try (Harness h = new Harness(Duration.ofSeconds(120)).start(true)) {
            WorkerConfig config = new WorkerConfig(h.bootstrap(), h.baseUrl(), 1, OptionalInt.empty(), 1, null, h.topics(),
                    "e2e-worker", "localhost", 6000, Harness.TOKEN, WorkerConfig.DEFAULT_MAX_POLL_INTERVAL_MS);
            String deployment = h.vertx().deployVerticle(new WorkerVerticle(config, new DjlTrainingEngine(), "cpu"))
                    .toCompletionStage().toCompletableFuture().join();
            String id = h.postSweep("text/plain", "architecture=fcn hidden=64 lr=0.001,0.003 epochs=2 max_batches=20 batch_size=64")
                    .getString("id");
            await("sweep finished", Duration.ofMinutes(4), () -> "finished".equals(h.getJson("/api/v1/sweeps/" + id).getString("state")));
            JsonObject sweep = h.getJson("/api/v1/sweeps/" + id);
            assertThat(sweep.getJsonObject("counts").getMap()).containsEntry("completed", 2);
            for (Object o : sweep.getJsonArray("runs")) {
                String runId = ((JsonObject) o).getString("id");
                assertThat(h.getArray("/api/v1/runs/" + runId + "/metrics")).hasSize(2);
                JsonObject run = h.getJson("/api/v1/runs/" + runId);
                assertThat(run.getDouble("testAcc")).as("20 batches of an FCN beat chance (10%%)").isGreaterThan(0.3);
                assertThat(run.getJsonObject("result").getJsonArray("confusionMatrix")).hasSize(10);
            }
            assertThat(h.getArray("/api/v1/workers").getJsonObject(0).getString("id")).isEqualTo("e2e-worker");
            h.vertx().undeploy(deployment).toCompletionStage().toCompletableFuture().join();
        }
    }
}
