package dev.atelier.worker.service;

import static dev.atelier.worker.testing.TestBroker.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.schemas.messages.Envelope;
import dev.atelier.schemas.messages.EpochCompleted;
import dev.atelier.schemas.messages.RunCancelled;
import dev.atelier.schemas.messages.RunCompleted;
import dev.atelier.schemas.messages.RunFailed;
import dev.atelier.schemas.messages.RunStarted;
import dev.atelier.schemas.messages.Topics;
import dev.atelier.worker.testing.EventLog;
import dev.atelier.worker.testing.TestBroker;
import dev.atelier.worker.testing.Workers;
import dev.atelier.worker.training.DjlTrainingEngine;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worker with the real DJL engine on the real Fashion-MNIST data (tiny configs) against a real broker. */
class WorkerTrainingIT {
    private static final Duration WAIT = Duration.ofSeconds(240);
    private static final Map<String, Object> TINY_FCN = Map.of("architecture", "fcn", "hidden", "64", "max_batches", 10, "batch_size", 32);

    @TempDir
    Path artifacts;

    private static Map<String, Object> tiny(Object... kv) {
        Map<String, Object> m = new HashMap<>(TINY_FCN);
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void realTrainingReportsEveryEpochFailsDivergedAndBrokenRunsAndHonoursCancel() throws Exception {
        try (TestBroker broker = new TestBroker()) {
            Topics topics = broker.newTopics();
            Vertx vertx = Vertx.vertx();
            try (EventLog events = new EventLog(broker.bootstrap(), topics.events())) {
                Workers.deploy(vertx, Workers.config(broker.bootstrap(), topics, artifacts, "w-real"), new DjlTrainingEngine());
                // one partition so the runs are trained in this order by the single slot
                broker.requestRun(topics, run("nan", tiny("lr", 10.0, "optimizer", "sgd", "batch_norm", false, "schedule", "none",
                        "max_batches", 30, "epochs", 2)), 0);
                broker.requestRun(topics, run("broken", tiny("data_dir", "/nonexistent/fashion-mnist", "epochs", 1)), 0);
                broker.requestRun(topics, run("good", tiny("epochs", 3)), 0);
                broker.requestRun(topics, run("long", tiny("epochs", 200, "max_batches", 200)), 0);

                events.await(e -> e.stream().anyMatch(x -> x.payload() instanceof EpochCompleted c && c.runId().equals("long")), WAIT);
                long cancelSent = System.nanoTime();
                broker.cancel(topics, "long");
                events.await(e -> e.stream().anyMatch(x -> x.payload() instanceof RunCancelled), WAIT);
                double cancelSeconds = (System.nanoTime() - cancelSent) / 1e9;

                RunFailed nan = last(events.run("nan")).payload(RunFailed.class);
                assertThat(nan.reason()).startsWith("diverged at epoch 1");
                assertThat(nan.retryable()).isFalse();
                assertThat(nan.errorClass()).isEqualTo("DivergedException");

                RunFailed broken = last(events.run("broken")).payload(RunFailed.class);
                assertThat(broken.retryable()).isTrue();
                assertThat(broken.reason()).contains("/nonexistent/fashion-mnist");

                List<Envelope> good = events.run("good");
                assertThat(good).extracting(Envelope::type)
                        .containsExactly("RunStarted", "EpochCompleted", "EpochCompleted", "EpochCompleted", "RunCompleted");
                assertThat(good.get(0).payload(RunStarted.class).device()).isEqualTo("cpu");
                assertThat(good.subList(1, 4)).extracting(e -> e.payload(EpochCompleted.class).epoch()).containsExactly(1, 2, 3);
                assertThat(good.subList(1, 4)).allSatisfy(e -> assertThat(e.payload(EpochCompleted.class).valAcc()).isBetween(0.2, 1.0));
                RunCompleted done = last(good).payload(RunCompleted.class);
                assertThat(done.testAcc()).as("10 batches of an FCN beat chance (0.1)").isGreaterThan(0.2);
                assertThat(done.confusionMatrix()).hasSize(10);
                assertThat(done.confusionMatrix().stream().flatMap(List::stream).mapToInt(Integer::intValue).sum()).isEqualTo(10_000);
                assertThat(artifacts.resolve("good").resolve("model.params")).isNotEmptyFile();

                RunCancelled cancelled = last(events.run("long")).payload(RunCancelled.class);
                assertThat(cancelled.epoch()).isLessThan(200);
                // one epoch is 200 batches here; within one batch means long before the epoch could end
                assertThat(cancelSeconds).isLessThan(5);
            } finally {
                Workers.await(vertx.close());
            }
        }
    }

    private static Envelope last(List<Envelope> list) {
        return list.get(list.size() - 1);
    }
}
