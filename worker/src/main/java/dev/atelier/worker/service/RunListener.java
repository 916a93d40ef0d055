package dev.atelier.worker.service;

import dev.atelier.schemas.messages.EpochCompleted;
import dev.atelier.worker.artifacts.ArtifactStore;
import dev.atelier.worker.artifacts.CheckpointCodec;
import dev.atelier.worker.messaging.EventPublisher;
import dev.atelier.worker.training.Checkpoint;
import dev.atelier.worker.training.EpochMetrics;
import dev.atelier.worker.training.TrainingListener;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Called on the training thread. Each epoch's event goes straight to the Kafka client and its checkpoint to the event
 * loop, which stores it; both are remembered so the terminal event waits for them.
 */
final class RunListener implements TrainingListener {
    private static final Logger LOG = LoggerFactory.getLogger(RunListener.class);

    private static final long ACK_WAIT_MS = 200;

    private final ActiveRun run;
    private final Context context;
    private final EventPublisher publisher;
    private final ArtifactStore store;
    private final LatencyStats epochAckLatency;

    RunListener(ActiveRun run, Context context, EventPublisher publisher, ArtifactStore store, LatencyStats epochAckLatency) {
        this.run = run;
        this.context = context;
        this.publisher = publisher;
        this.store = store;
        this.epochAckLatency = epochAckLatency;
    }

    @Override
    public void onEpoch(EpochMetrics m) {
        long endedAt = System.nanoTime();
        run.progress(m.epoch(), m.imagesPerSecond());
        EpochCompleted event = new EpochCompleted(run.runId(), run.attempt(), m.epoch(), m.trainLoss(), m.trainAcc(), m.valLoss(),
                m.valAcc(), m.lr(), m.epochSeconds(), m.imagesPerSecond());
        CountDownLatch acked = new CountDownLatch(1);
        Future<Void> sent = publisher.runEventFromTrainingThread(event, context, () -> {
            epochAckLatency.record((System.nanoTime() - endedAt) / 1e6);
            acked.countDown();
        });
        context.runOnContext(v -> run.track(sent.onFailure(err -> logFailure("EpochCompleted for epoch " + m.epoch() + " was not acknowledged", err))));
        awaitBriefly(acked);
        LOG.info("epoch {} done: train_loss={} train_acc={} val_loss={} val_acc={} ({} s, {} img/s)", m.epoch(),
                fmt(m.trainLoss()), fmt(m.trainAcc()), fmt(m.valLoss()), fmt(m.valAcc()), fmt(m.epochSeconds()), Math.round(m.imagesPerSecond()));
    }

    @Override
    public void onBatch(int epoch, int batch, int batchesPerEpoch, double runningLoss, double imagesPerSecond) {
        run.throughput(imagesPerSecond);
    }

    @Override
    public void onCheckpoint(Checkpoint checkpoint) {
        Buffer bytes = CheckpointCodec.encode(run.attempt(), checkpoint);
        context.runOnContext(v -> run.track(store.put(run.runId(), ArtifactStore.CHECKPOINT, bytes)
                .onFailure(err -> logFailure("checkpoint of epoch " + checkpoint.epoch() + " was not stored", err))));
    }

    /**
     * Holds the training thread until the broker has the epoch's event, for at most {@value #ACK_WAIT_MS} ms: the next
     * epoch would otherwise take every core (PyTorch's thread pool) while the event is still on its way, delaying
     * the metrics a user is watching. Typically costs a few ms per epoch.
     */
    private static void awaitBriefly(CountDownLatch acked) {
        try {
            acked.await(ACK_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void logFailure(String what, Throwable err) {
        try (RunMdc mdc = RunMdc.of(run.runId(), run.attempt())) {
            LOG.error("{}: {}", what, err.toString());
        }
    }

    private static String fmt(double v) {
        return String.format("%.4f", v);
    }
}
