package dev.atelier.worker.service;

import dev.atelier.schemas.messages.CancelRequested;
import dev.atelier.schemas.messages.InvalidMessageException;
import dev.atelier.schemas.messages.Message;
import dev.atelier.schemas.messages.RunCancelled;
import dev.atelier.schemas.messages.RunFailed;
import dev.atelier.schemas.messages.RunRequested;
import dev.atelier.schemas.messages.RunStarted;
import dev.atelier.schemas.messages.WorkerHeartbeat;
import dev.atelier.worker.artifacts.ArtifactStore;
import dev.atelier.worker.messaging.EventPublisher;
import dev.atelier.worker.messaging.RunConsumer.Outcome;
import dev.atelier.worker.training.Checkpoint;
import dev.atelier.worker.training.TrainResult;
import dev.atelier.worker.training.TrainingEngine;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of one run on this worker: read the request, resume from its checkpoint, train on a slot thread,
 * publish RunStarted / EpochCompleted / the terminal event. Its future says whether the record may be committed.
 * Called on the event loop; the training itself runs on the slot executor.
 */
public final class RunProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(RunProcessor.class);

    private final Context context;
    private final WorkerConfig config;
    private final TrainingEngine engine;
    private final ArtifactStore store;
    private final EventPublisher publisher;
    private final ExecutorService slots;
    private final String device;
    private final RunRequestReader reader;
    private final CheckpointLoader checkpoints;
    private final Map<String, ActiveRun> active = new ConcurrentHashMap<>();
    private final Map<String, Future<Outcome>> running = new ConcurrentHashMap<>();
    private final Set<String> cancelledBeforeStart = Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > 10_000;
        }
    });
    private final LatencyStats epochAckLatency = new LatencyStats(10_000);
    private volatile boolean draining;
    private Runnable onSlotsChanged = () -> { };

    public RunProcessor(Context context, WorkerConfig config, TrainingEngine engine, ArtifactStore store, EventPublisher publisher,
                        ExecutorService slots, String device) {
        this.context = context;
        this.config = config;
        this.engine = engine;
        this.store = store;
        this.publisher = publisher;
        this.slots = slots;
        this.device = device;
        this.reader = new RunRequestReader(config.gpu());
        this.checkpoints = new CheckpointLoader(store);
    }

    /** Called on the event loop whenever a run takes or frees a slot (the worker then heartbeats at once). */
    public void onSlotsChanged(Runnable listener) {
        this.onSlotsChanged = listener;
    }

    public boolean hasFreeSlot() {
        return !draining && active.size() < config.slots();
    }

    public Future<Outcome> process(KafkaConsumerRecord<String, byte[]> record) {
        RunRequestReader.Read read;
        try {
            read = reader.read(record.value());
        } catch (InvalidMessageException e) {
            LOG.warn("dead-lettering {}/{}/{} (key {}): {}", record.topic(), record.partition(), record.offset(), record.key(), e.getMessage());
            return publisher.deadLetter(record, e.getMessage()).map(Outcome.FINISHED);
        }
        RunRequested req = read.request();
        try (RunMdc mdc = RunMdc.of(req.runId(), req.attempt())) {
            if (read.configProblem() != null) {
                LOG.warn("rejecting run: {}", read.configProblem());
                return publisher.deadLetter(record, read.configProblem())
                        .compose(md -> finish(req.runId(), req.attempt(), new RunFailed(req.runId(), req.attempt(), read.configProblem(), "ConfigException", false, 0)));
            }
            if (cancelledBeforeStart.remove(req.runId())) {
                LOG.info("run was cancelled before it started");
                return finish(req.runId(), req.attempt(), new RunCancelled(req.runId(), req.attempt(), 0));
            }
            if (active.containsKey(req.runId())) {
                LOG.warn("run is already training on this worker; leaving the duplicate delivery for redelivery");
                return Future.succeededFuture(Outcome.RELEASED);
            }
            ActiveRun run = new ActiveRun(req, read.config(), record.partition());
            active.put(req.runId(), run);
            onSlotsChanged.run();
            Future<Outcome> outcome = run(run).eventually(() -> {
                active.remove(req.runId());
                running.remove(req.runId());
                onSlotsChanged.run();
                return Future.succeededFuture();
            });
            running.put(req.runId(), outcome);
            return outcome;
        }
    }

    private Future<Outcome> run(ActiveRun run) {
        return checkpoints.load(run.request)
                .compose(cp -> {
                    int startEpoch = cp.map(c -> c.epoch() + 1).orElse(1);
                    cp.ifPresent(c -> run.progress(c.epoch(), 0));
                    logRun(run, "starting at epoch {} of {} on {} ({})", startEpoch, run.config.getInt("epochs"), device, run.config.nonDefaults());
                    return publisher.runEvent(new RunStarted(run.runId(), run.attempt(), config.workerId(), config.host(), device, startEpoch))
                            .compose(md -> train(run, cp));
                })
                .compose(result -> run.settled().compose(v -> completed(run, result)),
                        err -> run.settled().compose(v -> failed(run, err)));
    }

    private Future<TrainResult> train(ActiveRun run, Optional<Checkpoint> cp) {
        Promise<TrainResult> promise = Promise.promise();
        RunListener listener = new RunListener(run, context, publisher, store, epochAckLatency);
        slots.execute(() -> {
            try (RunMdc mdc = RunMdc.of(run.runId(), run.attempt())) {
                TrainResult result = engine.train(run.config, listener, run, cp);
                context.runOnContext(v -> promise.complete(result));
            } catch (Throwable t) { // out-of-memory and engine errors fail this run only; the worker stays up
                context.runOnContext(v -> promise.fail(t));
            }
        });
        return promise.future();
    }

    private Future<Outcome> completed(ActiveRun run, TrainResult result) {
        Map<String, String> artifacts = new LinkedHashMap<>();
        artifacts.put(ArtifactStore.CHECKPOINT, store.reference(run.runId(), ArtifactStore.CHECKPOINT));
        Future<Void> model = Future.succeededFuture();
        if (result.bestModelParams() != null) {
            artifacts.put(ArtifactStore.MODEL_PARAMS, store.reference(run.runId(), ArtifactStore.MODEL_PARAMS));
            model = store.put(run.runId(), ArtifactStore.MODEL_PARAMS, Buffer.buffer(result.bestModelParams()));
        }
        logRun(run, "completed: test_acc={} best_epoch={} in {} s", String.format("%.4f", result.testAcc()), result.bestEpoch(),
                String.format("%.1f", result.totalSeconds()));
        return model.compose(v -> finish(run.runId(), run.attempt(), TerminalEvents.completed(run, result, artifacts)));
    }

    private Future<Outcome> failed(ActiveRun run, Throwable error) {
        return TerminalEvents.failed(run, error).map(event -> {
            logRun(run, "ended with {}: {}", event.type(), error.toString());
            return finish(run.runId(), run.attempt(), event);
        }).orElseGet(() -> {
            logRun(run, "stopped ({}) after epoch {}; it will be resumed from its checkpoint", run.stopReason(), run.epoch());
            return Future.succeededFuture(Outcome.RELEASED);
        });
    }

    private Future<Outcome> finish(String runId, int attempt, Message terminal) {
        return publisher.runEvent(terminal).map(md -> {
            try (RunMdc mdc = RunMdc.of(runId, attempt)) {
                LOG.info("{} acknowledged by the broker", terminal.type());
            }
            return Outcome.FINISHED;
        });
    }

    /** CancelRequested: the run stops within one batch and ends with RunCancelled. */
    public void cancel(CancelRequested request) {
        ActiveRun run = active.get(request.runId());
        if (run != null) {
            run.requestStop(ActiveRun.Stop.CANCELLED);
            logRun(run, "cancel requested ({})", request.reason());
        } else {
            cancelledBeforeStart.add(request.runId());
        }
    }

    /** The runs of partitions that moved to another worker stop here; the new owner resumes them. */
    public void handOver(Set<Integer> revoked) {
        active.values().stream().filter(r -> revoked.contains(r.partition)).forEach(r -> {
            r.requestStop(ActiveRun.Stop.HANDED_OVER);
            logRun(r, "partition {} moved to another worker; stopping here", r.partition);
        });
    }

    /** Stops taking runs and stops the ones in progress (their last checkpoint stays); completes when all have ended. */
    public Future<Void> drain() {
        draining = true;
        active.values().forEach(r -> r.requestStop(ActiveRun.Stop.SHUTDOWN));
        return Future.join(List.copyOf(running.values())).mapEmpty();
    }

    public boolean draining() {
        return draining;
    }

    public int busySlots() {
        return active.size();
    }

    public List<WorkerHeartbeat.RunProgress> progress() {
        return active.values().stream().map(ActiveRun::snapshot).collect(Collectors.toList());
    }

    public double imagesPerSecond() {
        return active.values().stream().mapToDouble(ActiveRun::imagesPerSecond).sum();
    }

    /** Epoch end → EpochCompleted acknowledged by the broker, in milliseconds. */
    public LatencyStats epochAckLatency() {
        return epochAckLatency;
    }

    private static void logRun(ActiveRun run, String format, Object... args) {
        try (RunMdc mdc = RunMdc.of(run.runId(), run.attempt())) {
            LOG.info(format, args);
        }
    }
}
