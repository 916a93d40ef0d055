package dev.atelier.worker.service;

import static dev.atelier.worker.testing.TestBroker.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.schemas.messages.Envelope;
import dev.atelier.schemas.messages.EpochCompleted;
import dev.atelier.schemas.messages.RunCompleted;
import dev.atelier.schemas.messages.RunStarted;
import dev.atelier.schemas.messages.Topics;
import dev.atelier.worker.artifacts.ArtifactStore;
import dev.atelier.worker.testing.EventLog;
import dev.atelier.worker.testing.TestBroker;
import dev.atelier.worker.testing.TestEngines;
import dev.atelier.worker.testing.WorkerProcessMain;
import dev.atelier.worker.testing.Workers;
import io.vertx.core.Vertx;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A worker JVM killed with kill -9 in the middle of a run loses nothing: another worker resumes it. */
class WorkerCrashIT {
    private static final Duration WAIT = Duration.ofSeconds(180);
    /** Real training, small enough for a shared CI machine: 4 epochs of 10 batches of a small FCN. */
    private static final Map<String, Object> TINY_FCN = Map.of("architecture", "fcn", "hidden", "64", "epochs", 4, "max_batches", 10,
            "batch_size", 32);

    @TempDir
    Path artifacts;

    @Test
    void killedWorkersRunIsResumedFromItsCheckpointByAnotherWorker() throws Exception {
        String engine = System.getProperty("atelier.test.crashEngine", "real");
        try (TestBroker broker = new TestBroker()) {
            Topics topics = broker.newTopics();
            Path log = Path.of("target", "crashed-worker.log");
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Dai.djl.offline=true", "-Xmx1g", "-cp", System.getProperty("java.class.path"), WorkerProcessMain.class.getName(),
                    broker.bootstrap(), topics.prefix(), artifacts.toString(), "doomed", engine)
                    .redirectErrorStream(true).start();
            Vertx vertx = null;
            try (EventLog events = new EventLog(broker.bootstrap(), topics.events())) {
                awaitReady(child, log);
                broker.requestRun(topics, run("run-k", TINY_FCN));
                events.await(e -> e.stream().anyMatch(x -> x.payload() instanceof EpochCompleted c && c.epoch() == 1), WAIT);
                Path checkpoint = artifacts.resolve("run-k").resolve(ArtifactStore.CHECKPOINT);
                Workers.waitUntil("the checkpoint of epoch 1", WAIT, () -> Files.exists(checkpoint));
                new ProcessBuilder("kill", "-9", String.valueOf(child.pid())).start().waitFor();
                assertThat(child.waitFor()).isEqualTo(137);

                vertx = Vertx.vertx();
                Workers.deploy(vertx, Workers.config(broker.bootstrap(), topics, artifacts, "rescuer"), TestEngines.create(engine));
                List<Envelope> seen = events.await(e -> e.stream().anyMatch(x -> x.payload() instanceof RunCompleted), WAIT);

                List<RunStarted> starts = seen.stream().filter(x -> x.payload() instanceof RunStarted).map(x -> x.payload(RunStarted.class))
                        .collect(Collectors.toList());
                assertThat(starts.get(0).workerId()).isEqualTo("doomed");
                RunStarted rescue = starts.get(starts.size() - 1);
                assertThat(rescue.workerId()).isEqualTo("rescuer");
                assertThat(rescue.startEpoch()).as("resumed after the checkpointed epochs").isGreaterThanOrEqualTo(2);
                List<Integer> epochs = seen.stream().filter(x -> x.payload() instanceof EpochCompleted)
                        .map(x -> x.payload(EpochCompleted.class).epoch()).collect(Collectors.toList());
                assertThat(epochs.stream().distinct().sorted()).as("every epoch after de-duplication by (runId, epoch)").containsExactly(1, 2, 3, 4);
                // only an epoch in flight when a worker stopped may be reported again (one per interruption)
                assertThat(epochs.size() - 4).as("epochs reported twice").isLessThanOrEqualTo(starts.size() - 1);
                assertThat(seen.stream().filter(x -> x.payload() instanceof RunCompleted)).hasSize(1);
            } finally {
                child.destroyForcibly();
                if (vertx != null) {
                    Workers.await(vertx.close());
                }
            }
        }
    }

    private static void awaitReady(Process child, Path log) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = out.readLine()) != null) {
            seen.append(line).append('\n');
            if (line.equals("READY")) {
                Thread drain = new Thread(() -> {
                    try (var w = Files.newBufferedWriter(log)) {
                        for (String l : (Iterable<String>) out.lines()::iterator) {
                            w.write(l);
                            w.newLine();
                        }
                    } catch (java.io.IOException | java.io.UncheckedIOException e) {
                        // the child was killed: its output ends here
                    }
                }, "child-output");
                drain.setDaemon(true);
                drain.start();
                return;
            }
        }
        throw new AssertionError("worker JVM exited before it was ready:\n" + seen);
    }
}
