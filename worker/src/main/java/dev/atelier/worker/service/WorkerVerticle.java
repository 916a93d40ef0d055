package dev.atelier.worker.service;

import dev.atelier.schemas.messages.WorkerHeartbeat;
import dev.atelier.worker.artifacts.ArtifactStore;
import dev.atelier.worker.artifacts.HttpArtifactStore;
import dev.atelier.worker.artifacts.LocalDirectoryArtifactStore;
import dev.atelier.worker.messaging.ControlConsumer;
import dev.atelier.worker.messaging.EventPublisher;
import dev.atelier.worker.messaging.KafkaSettings;
import dev.atelier.worker.messaging.RunConsumer;
import dev.atelier.worker.training.TrainingEngine;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.ext.web.client.WebClient;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.producer.KafkaProducer;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker: wires the runs consumer, the control consumer, the run processor and the heartbeat. Undeploying
 * it is the graceful shutdown (stop taking runs, stop the current ones at their last checkpoint, publish the
 * draining state, leave the group).
 */
public final class WorkerVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerVerticle.class);

    private final WorkerConfig config;
    private final TrainingEngine engine;
    private final String device;
    private ExecutorService slots;
    private EventPublisher publisher;
    private RunProcessor processor;
    private RunConsumer runs;
    private ControlConsumer control;
    private long heartbeatTimer = -1;

    /** @param device what this worker trains on, as reported in RunStarted and heartbeats (e.g. {@code cpu}, {@code gpu(0)}) */
    public WorkerVerticle(WorkerConfig config, TrainingEngine engine, String device) {
        this.config = config;
        this.engine = engine;
        this.device = device;
    }

    @Override
    public Future<?> start() {
        LOG.info("worker starting: {}", config.describe());
        slots = Executors.newFixedThreadPool(config.slots(), trainingThreads(config.workerId()));
        publisher = new EventPublisher(KafkaProducer.create(vertx, KafkaSettings.producer(config.bootstrap(), config.workerId() + "-events")),
                config.topics(), "worker/" + config.workerId());
        ArtifactStore store = config.artifactsDir() != null ? new LocalDirectoryArtifactStore(vertx, config.artifactsDir())
                : new HttpArtifactStore(WebClient.create(vertx), config.orchestratorUrl(), config.apiToken());
        processor = new RunProcessor(context, config, engine, store, publisher, slots, device);
        runs = new RunConsumer(vertx, KafkaConsumer.create(vertx, KafkaSettings.runsConsumer(config.bootstrap(),
                config.groupId(), config.workerId() + "-runs", config.sessionTimeoutMs(), config.maxPollIntervalMs())),
                config.topics().runs(), processor::hasFreeSlot, processor::process);
        runs.onRevoked(processor::handOver);
        processor.onSlotsChanged(() -> {
            if (heartbeatTimer >= 0 && !processor.draining()) {
                heartbeat();
            }
        });
        control = new ControlConsumer(KafkaConsumer.create(vertx, KafkaSettings.controlConsumer(config.bootstrap(), config.workerId() + "-control")),
                config.topics().control(), processor::cancel);
        return control.start()
                .compose(v -> runs.start())
                .onSuccess(v -> {
                    heartbeatTimer = vertx.setPeriodic(0, config.heartbeatSeconds() * 1000L, id -> heartbeat());
                    LOG.info("worker {} ready: {} slot(s) on {}, artifacts in {}", config.workerId(), config.slots(), device, store);
                });
    }

    @Override
    public Future<?> stop() {
        LOG.info("worker {} shutting down: no new runs; stopping {} run(s) at their last checkpoint", config.workerId(), processor.busySlots());
        vertx.cancelTimer(heartbeatTimer);
        return runs.stopTaking()
                .compose(v -> processor.drain())
                .compose(v -> heartbeat().timeout(5, TimeUnit.SECONDS).otherwiseEmpty())
                .compose(v -> runs.close())
                .compose(v -> control.close())
                .compose(v -> publisher.close().timeout(10, TimeUnit.SECONDS).otherwiseEmpty())
                .eventually(() -> {
                    slots.shutdownNow();
                    LOG.info("worker {} left the group; epoch end -> EpochCompleted ack latency {}", config.workerId(), processor.epochAckLatency());
                    return Future.succeededFuture();
                });
    }

    private Future<Void> heartbeat() {
        int busy = processor.busySlots();
        String state = processor.draining() ? "draining" : busy > 0 ? "busy" : "idle";
        WorkerHeartbeat hb = new WorkerHeartbeat(config.workerId(), config.host(), device, config.slots(), busy, state,
                processor.progress(), List.copyOf(runs.partitions()), processor.imagesPerSecond());
        return publisher.heartbeat(hb).<Void>mapEmpty()
                .onFailure(err -> LOG.warn("heartbeat not sent: {}", err.getMessage()));
    }

    /** For tests and benchmarks. */
    public RunProcessor processor() {
        return processor;
    }

    /** For tests: the runs-topic partitions this worker owns. */
    public List<Integer> partitions() {
        return runs.partitions();
    }

    private static java.util.concurrent.ThreadFactory trainingThreads(String workerId) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "atelier-train-" + workerId + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
