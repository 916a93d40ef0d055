package dev.atelier.orchestrator;

import static dev.atelier.orchestrator.support.Harness.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.orchestrator.support.FakeWorker;
import dev.atelier.orchestrator.support.Harness;
import dev.atelier.schemas.messages.EpochCompleted;
import dev.atelier.schemas.messages.RunRequested;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Worker events applied idempotently, silent workers' runs requeued from their checkpoint, cancel via the control topic. */
class IngestionIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void duplicatedAndReplayedEventsCreateNoDuplicateRows() {
        try (Harness h = new Harness(Duration.ofSeconds(60)).start(true); FakeWorker w = h.worker("w", 1, 0, 12)) {
            String sweepId = h.postSweep("text/plain", "epochs=2").getString("id");
            await("dispatched", WAIT, () -> w.received().size() == 1);
            RunRequested r = w.received().get(0);
            w.start(r);
            String epoch1 = w.send(new EpochCompleted(r.runId(), r.attempt(), 1, 0.9, 0.6, 0.8, 0.65, 0.001, 1.0, 1000));
            w.sendRaw(r.runId(), epoch1, h.topics().events());
            w.send(new EpochCompleted(r.runId(), r.attempt(), 1, 0.9, 0.6, 0.8, 0.65, 0.001, 1.0, 1000));
            w.epoch(r, 2);
            w.complete(r, 2);
            w.sendRaw(r.runId(), "{\"not\": \"an envelope\"}", h.topics().events());
            w.complete(r, 2);
            await("completed", WAIT, () -> "finished".equals(h.getJson("/api/v1/sweeps/" + sweepId).getString("state")));
            await("all events consumed", WAIT, () -> h.count("SELECT count(*) FROM processed_events") == 6);
            assertThat(h.count("SELECT count(*) FROM epoch_metrics WHERE run_id = ?", r.runId())).isEqualTo(2);
            assertThat(h.count("SELECT count(*) FROM run_results WHERE run_id = ?", r.runId())).isEqualTo(1);
            assertThat(h.getJson("/api/v1/runs/" + r.runId()).getString("state")).isEqualTo("completed");
        }
    }

    @Test
    void aRunWhoseWorkerGoesSilentIsRequeuedFromItsCheckpointAndCompletes() {
        try (Harness h = new Harness(Duration.ofSeconds(2)).start(true); FakeWorker a = h.worker("a", 1, 0, 6)) {
            String sweepId = h.postSweep("text/plain", "epochs=3").getString("id");
            await("dispatched to a", WAIT, () -> a.received().size() == 1);
            RunRequested first = a.received().get(0);
            a.start(first);
            a.epoch(first, 1);
            HttpResponse<String> put = h.put("/api/v1/runs/" + first.runId() + "/artifacts/checkpoint-e1", "weights".getBytes(StandardCharsets.UTF_8));
            assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
            a.goSilent();
            try (FakeWorker b = h.worker("b", 1, 6, 12)) {
                await("requeued to b", WAIT, () -> b.received().size() == 1);
                RunRequested second = b.received().get(0);
                assertThat(second.runId()).isEqualTo(first.runId());
                assertThat(second.attempt()).isEqualTo(2);
                assertThat(second.resumeFrom()).isEqualTo("checkpoint-e1");
                b.start(second);
                b.epoch(second, 2);
                b.epoch(second, 3);
                b.complete(second, 3);
                await("completed", WAIT, () -> "completed".equals(h.getJson("/api/v1/runs/" + first.runId()).getString("state")));
                JsonObject run = h.getJson("/api/v1/runs/" + first.runId());
                assertThat(run.getInteger("attempt")).isEqualTo(2);
                assertThat(run.getString("workerId")).isEqualTo("b");
                assertThat(h.getArray("/api/v1/runs/" + first.runId() + "/metrics")).hasSize(3);
                assertThat(h.request("GET", "/api/v1/runs/" + first.runId() + "/artifacts/checkpoint-e1", null, null, null).body()).isEqualTo("weights");
                assertThat(h.getJson("/api/v1/sweeps/" + sweepId).getString("state")).isEqualTo("finished");
            }
        }
    }

    @Test
    void cancelReachesTheRunningWorkerThroughTheControlTopic() {
        try (Harness h = new Harness(Duration.ofSeconds(60)).start(true); FakeWorker w = h.worker("w", 1, 0, 12)) {
            JsonObject sweep = h.postSweep("text/plain", "lr=0.001,0.002 epochs=5");
            await("dispatched", WAIT, () -> w.received().size() == 1);
            RunRequested r = w.received().get(0);
            w.start(r);
            await("running", WAIT, () -> "running".equals(h.getJson("/api/v1/runs/" + r.runId()).getString("state")));
            HttpResponse<String> cancel = h.request("POST", "/api/v1/sweeps/" + sweep.getString("id") + "/cancel", null, null, Harness.TOKEN);
            assertThat(new JsonObject(cancel.body()).getInteger("cancelled")).as("the queued run is cancelled at once").isEqualTo(1);
            await("cancel reaches the worker", WAIT, () -> w.cancels().size() == 1);
            assertThat(w.cancels().get(0).runId()).isEqualTo(r.runId());
            w.cancelled(r, 1);
            await("cancelled", WAIT, () -> "cancelled".equals(h.getJson("/api/v1/runs/" + r.runId()).getString("state")));
            HttpResponse<String> again = h.request("POST", "/api/v1/runs/" + r.runId() + "/cancel", null, null, Harness.TOKEN);
            assertThat(again.statusCode()).isEqualTo(409);
            HttpResponse<String> retry = h.request("POST", "/api/v1/runs/" + r.runId() + "/retry", null, null, Harness.TOKEN);
            assertThat(retry.statusCode()).isEqualTo(200);
            await("retried run dispatched again", WAIT, () -> w.received().size() == 2);
            assertThat(w.received().get(1).attempt()).isEqualTo(2);
        }
    }
}
