package dev.atelier.worker.service;

import static dev.atelier.worker.testing.TestBroker.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.schemas.messages.Envelope;
import dev.atelier.schemas.messages.EpochCompleted;
import dev.atelier.schemas.messages.MessageCodec;
import dev.atelier.schemas.messages.RunCancelled;
import dev.atelier.schemas.messages.RunCompleted;
import dev.atelier.schemas.messages.RunFailed;
import dev.atelier.schemas.messages.RunStarted;
import dev.atelier.schemas.messages.Topics;
import dev.atelier.schemas.messages.WorkerHeartbeat;
import dev.atelier.worker.messaging.EventPublisher;
import dev.atelier.worker.testing.EventLog;
import dev.atelier.worker.testing.FakeTrainingEngine;
import dev.atelier.worker.testing.TestBroker;
import dev.atelier.worker.testing.Workers;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worker against a real Kafka broker in this JVM (training is the engine test double here). */
class WorkerIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static TestBroker broker;
    private Vertx vertx;
    private Topics topics;
    private EventLog events;
    @TempDir
    Path artifacts;

    @BeforeAll
    static void startBroker() {
        broker = new TestBroker();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @BeforeEach
    void setUp() {
        vertx = Vertx.vertx();
        topics = broker.newTopics();
        events = new EventLog(broker.bootstrap(), topics.events());
    }

    @AfterEach
    void tearDown() throws Exception {
        events.close();
        Workers.await(vertx.close());
    }

    private Workers.Deployed worker(String id, FakeTrainingEngine engine) {
        return Workers.deploy(vertx, Workers.config(broker.bootstrap(), topics, artifacts, id), engine);
    }

    @Test
    void runRequestProducesStartedEachEpochAndCompletedInOrder() throws Exception {
        worker("w1", new FakeTrainingEngine(20));
        broker.requestRun(topics, run("run-a", Map.of("epochs", 3, "max_batches", 3)));

        List<Envelope> seen = events.await(e -> e.stream().anyMatch(x -> x.payload() instanceof RunCompleted), WAIT);

        assertThat(seen).extracting(Envelope::type)
                .containsExactly("RunStarted", "EpochCompleted", "EpochCompleted", "EpochCompleted", "RunCompleted");
        assertThat(seen.get(0).payload(RunStarted.class)).satisfies(s -> {
            assertThat(s.workerId()).isEqualTo("w1");
            assertThat(s.startEpoch()).isEqualTo(1);
        });
        assertThat(seen.subList(1, 4)).extracting(e -> e.payload(EpochCompleted.class).epoch()).containsExactly(1, 2, 3);
        RunCompleted done = seen.get(4).payload(RunCompleted.class);
        assertThat(done.artifacts()).containsKeys("checkpoint", "model.params");
        assertThat(artifacts.resolve("run-a").resolve("model.params")).exists();
        assertThat(done.confusionMatrix()).hasSize(10);
    }

    @Test
    void heartbeatsReportStateAndTheAssignedPartitions() throws Exception {
        try (EventLog heartbeats = new EventLog(broker.bootstrap(), topics.heartbeats())) {
            worker("w1", new FakeTrainingEngine(200));
            List<Envelope> idle = heartbeats.await(e -> e.stream().map(x -> x.payload(WorkerHeartbeat.class))
                    .anyMatch(h -> h.partitions().size() == TestBroker.RUN_PARTITIONS), WAIT);
            WorkerHeartbeat last = idle.get(idle.size() - 1).payload(WorkerHeartbeat.class);
            assertThat(last.partitions()).containsExactly(0, 1, 2, 3, 4, 5);
            assertThat(last.state()).isEqualTo("idle");

            broker.requestRun(topics, run("run-hb", Map.of("epochs", 20, "max_batches", 5)));
            List<Envelope> busy = heartbeats.await(e -> e.stream().map(x -> x.payload(WorkerHeartbeat.class))
                    .anyMatch(h -> h.state().equals("busy") && !h.current().isEmpty() && h.current().get(0).epoch() >= 1), WAIT);
            WorkerHeartbeat b = busy.get(busy.size() - 1).payload(WorkerHeartbeat.class);
            assertThat(b.busySlots()).isEqualTo(1);
            assertThat(b.current().get(0).runId()).isEqualTo("run-hb");
            assertThat(b.imagesPerSecond()).isPositive();
        }
    }

    @Test
    void invalidRecordsGoToTheDeadLetterTopicAndTheNextRunStillTrains() throws Exception {
        try (EventLog deadLetters = new EventLog(broker.bootstrap(), topics.deadLetter())) {
            worker("w1", new FakeTrainingEngine(10));
            broker.send(topics.runs(), 3, "junk", "this is not json".getBytes(StandardCharsets.UTF_8));
            String noConfig = MessageCodec.encode("test", run("run-x", Map.of())).replace("\"config\":{}", "\"config\":42");
            broker.send(topics.runs(), 3, "run-x", noConfig.getBytes(StandardCharsets.UTF_8));
            broker.requestRun(topics, run("run-bad-lr", Map.of("lr", -1)), 3);
            broker.requestRun(topics, run("run-ok", Map.of("epochs", 2, "max_batches", 2)), 3);

            events.await(e -> e.stream().anyMatch(x -> x.payload() instanceof RunCompleted c && c.runId().equals("run-ok"))
                    && e.stream().anyMatch(x -> x.payload() instanceof RunFailed f && f.runId().equals("run-bad-lr")), WAIT);
            List<ConsumerRecord<String, byte[]>> dead = deadLetters.awaitRecords(3, WAIT);
            assertThat(dead).extracting(r -> new String(r.headers().lastHeader(EventPublisher.REASON_HEADER).value(), StandardCharsets.UTF_8))
                    .satisfiesExactlyInAnyOrder(
                            reason -> assertThat(reason).startsWith("not a JSON object"),
                            reason -> assertThat(reason).contains("RunRequested v1 fails its schema").contains("/config"),
                            reason -> assertThat(reason).contains("invalid run config").contains("lr"));
            assertThat(dead).anySatisfy(r -> assertThat(new String(r.value(), StandardCharsets.UTF_8)).isEqualTo("this is not json"));
            RunFailed badLr = events.run("run-bad-lr").get(0).payload(RunFailed.class);
            assertThat(badLr.retryable()).isFalse();
            assertThat(badLr.reason()).contains("lr");
        }
    }

    @Test
    void cancelStopsTheRunWithinOneBatch() throws Exception {
        FakeTrainingEngine engine = new FakeTrainingEngine(100);
        worker("w1", engine);
        broker.requestRun(topics, run("run-c", Map.of("epochs", 50, "max_batches", 5)));
        events.await(e -> e.stream().anyMatch(x -> x.payload() instanceof EpochCompleted), WAIT);

        long sentAt = System.nanoTime();
        int batchesBefore = engine.batchesSeen().size();
        broker.cancel(topics, "run-c");
        List<Envelope> seen = events.await(e -> e.stream().anyMatch(x -> x.payload() instanceof RunCancelled), WAIT);
        double seconds = (System.nanoTime() - sentAt) / 1e9;

        RunCancelled cancelled = seen.get(seen.size() - 1).payload(RunCancelled.class);
        int lastEpoch = seen.stream().filter(x -> x.payload() instanceof EpochCompleted).mapToInt(x -> x.payload(EpochCompleted.class).epoch()).max().orElseThrow();
        assertThat(cancelled.epoch()).isEqualTo(lastEpoch);
        assertThat(lastEpoch).isLessThan(50);
        // batches of 100 ms: delivery of the cancel plus at most one batch, not the rest of the 50 epochs
        assertThat(engine.batchesSeen().size() - batchesBefore).isLessThanOrEqualTo(5);
        assertThat(seconds).isLessThan(3);
    }

    @Test
    void divergedAndBrokenRunsFailAndTheWorkerKeepsServing() throws Exception {
        worker("w1", new FakeTrainingEngine(10));
        // one partition: the runs are taken in this order, so run-after proves the worker survived both failures
        broker.requestRun(topics, run("run-nan", Map.of("epochs", 3, "lr", 9.0)), 0);
        broker.requestRun(topics, run("run-err", Map.of("epochs", 3, "weight_decay", 0.5)), 0);
        broker.requestRun(topics, run("run-after", Map.of("epochs", 2, "max_batches", 2)), 0);

        events.await(e -> e.stream().anyMatch(x -> x.payload() instanceof RunCompleted c && c.runId().equals("run-after"))
                && e.stream().filter(x -> x.payload() instanceof RunFailed).count() == 2, WAIT);
        RunFailed nan = last(events.run("run-nan")).payload(RunFailed.class);
        assertThat(nan.reason()).startsWith("diverged at epoch 1");
        assertThat(nan.retryable()).isFalse();
        RunFailed err = last(events.run("run-err")).payload(RunFailed.class);
        assertThat(err.retryable()).isTrue();
        assertThat(err.reason()).contains("simulated engine failure");
    }

    @Test
    void twoWorkersInOneGroupShareSixRunsAndNoneIsDoneTwice() throws Exception {
        Workers.Deployed a = worker("wa", new FakeTrainingEngine(30));
        Workers.Deployed b = worker("wb", new FakeTrainingEngine(30));
        Workers.waitUntil("both workers own 3 partitions", WAIT,
                () -> a.worker().partitions().size() == 3 && b.worker().partitions().size() == 3);
        List<String> runIds = IntStream.range(0, 6).mapToObj(i -> "run-" + i).collect(Collectors.toList());
        for (int i = 0; i < 6; i++) {
            broker.requestRun(topics, run(runIds.get(i), Map.of("epochs", 2, "max_batches", 3)), i);
        }

        List<Envelope> seen = events.await(e -> e.stream().filter(x -> x.payload() instanceof RunCompleted).count() == 6, WAIT);
        Thread.sleep(500);
        seen = events.envelopes();
        Map<String, List<RunStarted>> starts = seen.stream().filter(x -> x.payload() instanceof RunStarted)
                .map(x -> x.payload(RunStarted.class)).collect(Collectors.groupingBy(RunStarted::runId));
        assertThat(starts.keySet()).containsExactlyInAnyOrderElementsOf(runIds);
        assertThat(starts.values()).allSatisfy(s -> assertThat(s).hasSize(1));
        assertThat(starts.values().stream().map(s -> s.get(0).workerId()).distinct()).containsExactlyInAnyOrder("wa", "wb");
        assertThat(seen.stream().filter(x -> x.payload() instanceof RunCompleted).map(x -> x.payload(RunCompleted.class).runId()))
                .containsExactlyInAnyOrderElementsOf(runIds);
    }

    @Test
    void gracefulShutdownLeavesTheRunToAnotherWorkerWhichResumesFromTheCheckpoint() throws Exception {
        Workers.Deployed a = worker("wa", new FakeTrainingEngine(60));
        broker.requestRun(topics, run("run-s", Map.of("epochs", 6, "max_batches", 5)));
        events.await(e -> e.stream().anyMatch(x -> x.payload() instanceof EpochCompleted c && c.epoch() == 2), WAIT);
        a.stop();
        worker("wb", new FakeTrainingEngine(10));

        List<Envelope> seen = events.await(e -> e.stream().anyMatch(x -> x.payload() instanceof RunCompleted), WAIT);
        List<RunStarted> starts = seen.stream().filter(x -> x.payload() instanceof RunStarted).map(x -> x.payload(RunStarted.class)).collect(Collectors.toList());
        assertThat(starts).extracting(RunStarted::workerId).containsExactly("wa", "wb");
        assertThat(starts.get(1).startEpoch()).isGreaterThanOrEqualTo(3);
        assertThat(seen).noneMatch(x -> x.payload() instanceof RunCancelled || x.payload() instanceof RunFailed);
        assertThat(seen.stream().filter(x -> x.payload() instanceof EpochCompleted).map(x -> x.payload(EpochCompleted.class).epoch()))
                .containsExactly(1, 2, 3, 4, 5, 6).as("every epoch exactly once");
    }

    @Test
    void aRunLongerThanMaxPollIntervalKeepsItsPartitionsAndIsTrainedOnce() throws Exception {
        Workers.Deployed w = Workers.deploy(vertx, Workers.config(broker.bootstrap(), topics, artifacts, "w1").withMaxPollIntervalMs(3000),
                new FakeTrainingEngine(200));
        broker.requestRun(topics, run("run-long", Map.of("epochs", 8, "max_batches", 5)));

        List<Envelope> seen = events.await(e -> e.stream().anyMatch(x -> x.payload() instanceof RunCompleted), WAIT);
        assertThat(seen.stream().filter(x -> x.payload() instanceof RunStarted)).as("never handed over or redelivered").hasSize(1);
        assertThat(seen.stream().filter(x -> x.payload() instanceof EpochCompleted)).hasSize(8);
        assertThat(w.worker().partitions()).containsExactly(0, 1, 2, 3, 4, 5);
    }

    @Test
    void aWorkerWithTwoSlotsTrainsTwoRunsAtOnceAndNeverMore() throws Exception {
        Workers.deploy(vertx, Workers.config(broker.bootstrap(), topics, artifacts, "w2slots").withSlots(2), new FakeTrainingEngine(50));
        for (int i = 0; i < 4; i++) {
            broker.requestRun(topics, run("run-s" + i, Map.of("epochs", 3, "max_batches", 4)), 0);
        }

        List<Envelope> seen = events.await(e -> e.stream().filter(x -> x.payload() instanceof RunCompleted).count() == 4, WAIT);
        // events of different runs sit on different partitions: order them by the time they were produced
        List<Envelope> byTime = events.records().stream().sorted(java.util.Comparator.comparingLong(ConsumerRecord::timestamp))
                .map(r -> MessageCodec.decode(new String(r.value(), StandardCharsets.UTF_8))).collect(Collectors.toList());
        int inProgress = 0;
        int most = 0;
        for (Envelope e : byTime) {
            if (e.payload() instanceof RunStarted) {
                most = Math.max(most, ++inProgress);
            } else if (e.payload() instanceof RunCompleted) {
                inProgress--;
            }
        }
        assertThat(most).isEqualTo(2);
        assertThat(seen.stream().filter(x -> x.payload() instanceof RunStarted)).hasSize(4);
    }

    private static Envelope last(List<Envelope> list) {
        return list.get(list.size() - 1);
    }
}
