package dev.atelier.orchestrator;

import static dev.atelier.orchestrator.support.Harness.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.orchestrator.support.FakeWorker;
import dev.atelier.orchestrator.support.Harness;
import dev.atelier.schemas.messages.RunRequested;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Dispatch through the outbox onto idle workers' partitions, max_parallel, and crash safety of the outbox. */
class DispatchIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void sweepRunsOnIdleWorkersWithinMaxParallelAndFinishes() throws Exception {
        try (Harness h = new Harness(Duration.ofSeconds(60)).start(true);
             FakeWorker a = h.worker("a", 4, 0, 6); FakeWorker b = h.worker("b", 4, 6, 12)) {
            await("workers known", WAIT, () -> h.getArray("/api/v1/workers").size() == 2);
            JsonObject sweep = h.postSweep("text/plain", "architecture=fcn,cnn lr=0.001,0.003 epochs=2 max_parallel=2");
            String id = sweep.getString("id");
            await("two runs dispatched", WAIT, () -> a.received().size() + b.received().size() == 2);
            Thread.sleep(1000);
            assertThat(a.received().size() + b.received().size()).as("max_parallel=2 holds the other runs back").isEqualTo(2);
            assertThat(a.received()).hasSize(1).as("runs spread over the idle workers");
            assertThat(a.receivedPartitions()).allMatch(a.partitions()::contains);
            assertThat(b.receivedPartitions()).allMatch(b.partitions()::contains);

            finishAll(a, 2);
            finishAll(b, 2);
            await("the other two dispatched", WAIT, () -> a.received().size() + b.received().size() == 4);
            a.received().subList(1, a.received().size()).forEach(r -> a.finish(r, 2));
            b.received().subList(1, b.received().size()).forEach(r -> b.finish(r, 2));
            await("sweep finished", WAIT, () -> "finished".equals(h.getJson("/api/v1/sweeps/" + id).getString("state")));

            JsonObject done = h.getJson("/api/v1/sweeps/" + id);
            assertThat(done.getJsonObject("counts").getMap()).containsExactly(Map.entry("completed", 4));
            assertThat(done.getJsonObject("bestByTestAcc").getDouble("testAcc")).isEqualTo(0.85);
            assertThat(done.getJsonArray("runs").getJsonObject(0).getInteger("latestEpoch")).isEqualTo(2);
            String runId = done.getJsonArray("runs").getJsonObject(0).getString("id");
            assertThat(h.getArray("/api/v1/runs/" + runId + "/metrics")).hasSize(2);
            assertThat(h.getJson("/api/v1/runs/" + runId).getJsonObject("result").getInteger("bestEpoch")).isEqualTo(2);
            assertThat(h.getArray("/api/v1/workers")).hasSize(2);
        }
    }

    @Test
    void aBusyWorkerDoesNotHoldBackRunsAndPriorityGoesFirst() {
        try (Harness h = new Harness(Duration.ofSeconds(60)).start(true)) {
            h.postSweep("application/json", "{\"name\": \"low\", \"grid\": {\"lr\": [0.001, 0.002, 0.003]}, \"priority\": 0}");
            h.postSweep("application/json", "{\"name\": \"high\", \"grid\": {\"lr\": [0.004, 0.005]}, \"priority\": 5}");
            try (FakeWorker a = h.worker("a", 1, 0, 6); FakeWorker b = h.worker("b", 1, 6, 12)) {
                busyWorkerDoesNotHoldBack(h, a, b);
            }
        }
    }

    private static void busyWorkerDoesNotHoldBack(Harness h, FakeWorker a, FakeWorker b) {
        {
            await("one run each", WAIT, () -> a.received().size() == 1 && b.received().size() == 1);
            // only one free slot each: nothing more is queued on their partitions while they are busy
            assertThat(h.count("SELECT count(*) FROM runs WHERE state = 'queued'")).isEqualTo(3);
            a.finish(a.received().get(0), 1);
            await("a gets the next run while b is still busy", WAIT, () -> a.received().size() == 2);
            assertThat(b.received()).hasSize(1);
            List<String> first = List.of(a.received().get(0).sweepId(), b.received().get(0).sweepId(), a.received().get(1).sweepId());
            String high = h.getArray("/api/v1/sweeps").stream().map(o -> (JsonObject) o)
                    .filter(s -> s.getString("name").equals("high")).findFirst().orElseThrow().getString("id");
            assertThat(first.subList(0, 2)).as("the high-priority sweep's two runs go first").containsOnly(high);
        }
    }

    @Test
    void outboxRowsSurviveACrashBetweenCommitAndPublishAndAreSentOncePerAttempt() throws Exception {
        Harness h = new Harness(Duration.ofSeconds(60)).start(false);
        try (FakeWorker w = h.worker("w", 4, 0, 12)) {
            String id = h.postSweep("text/plain", "lr=0.001,0.002,0.003 epochs=1").getString("id");
            await("runs dispatched in the database", WAIT, () -> h.count("SELECT count(*) FROM runs WHERE state = 'dispatched'") == 3);
            assertThat(h.count("SELECT count(*) FROM outbox WHERE sent_at IS NULL AND topic = ?", h.topics().runs())).isEqualTo(3);
            h.crash();
            Thread.sleep(500);
            assertThat(w.received()).as("nothing was published before the crash").isEmpty();

            h.start(true);
            await("all three published after restart", WAIT, () -> w.received().size() == 3);
            Thread.sleep(1500);
            Map<String, Long> perAttempt = w.received().stream().collect(Collectors.groupingBy(r -> r.runId() + "#" + r.attempt(), Collectors.counting()));
            assertThat(perAttempt).hasSize(3).allSatisfy((k, n) -> assertThat(n).as(k).isEqualTo(1L));
            assertThat(w.received()).extracting(RunRequested::sweepId).containsOnly(id);
            assertThat(h.count("SELECT count(*) FROM outbox WHERE sent_at IS NULL")).isZero();
        } finally {
            h.close();
        }
    }

    private static void finishAll(FakeWorker w, int epochs) {
        w.received().forEach(r -> w.finish(r, epochs));
    }

}
