package dev.atelier.worker.testing;

import dev.atelier.schemas.config.RunConfig;
import dev.atelier.worker.training.CancellationToken;
import dev.atelier.worker.training.Checkpoint;
import dev.atelier.worker.training.DivergedException;
import dev.atelier.worker.training.EpochMetrics;
import dev.atelier.worker.training.TrainResult;
import dev.atelier.worker.training.TrainingCancelledException;
import dev.atelier.worker.training.TrainingEngine;
import dev.atelier.worker.training.TrainingListener;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A test double for the engine (unit tests of the worker's orchestration logic only): sleeps per batch, honours
 * cancellation per batch and resumption from a checkpoint, "diverges" when lr >= 5, throws an engine error when
 * weight_decay == 0.5. The checkpoint bytes hold the epoch so resumption is checkable.
 */
public final class FakeTrainingEngine implements TrainingEngine {
    private final long batchMillis;
    private final List<Integer> batchesSeen = Collections.synchronizedList(new ArrayList<>());

    public FakeTrainingEngine(long batchMillis) {
        this.batchMillis = batchMillis;
    }

    @Override
    public TrainResult train(RunConfig config, TrainingListener listener, CancellationToken cancel, Optional<Checkpoint> resumeFrom) {
        int epochs = config.getInt("epochs");
        int batches = config.getInt("max_batches") > 0 ? config.getInt("max_batches") : 5;
        int start = resumeFrom.map(cp -> ByteBuffer.wrap(cp.data()).getInt() + 1).orElse(1);
        long t0 = System.nanoTime();
        List<EpochMetrics> history = new ArrayList<>();
        for (int epoch = start; epoch <= epochs; epoch++) {
            for (int b = 1; b <= batches; b++) {
                if (cancel.isCancelled()) {
                    throw new TrainingCancelledException(epoch - 1);
                }
                sleep();
                batchesSeen.add(epoch);
                listener.onBatch(epoch, b, batches, 1.0 / epoch, 1000);
                if (config.getDouble("lr") >= 5) {
                    throw new DivergedException(epoch, "train loss is NaN");
                }
                if (config.getDouble("weight_decay") == 0.5) {
                    throw new IllegalStateException("simulated engine failure");
                }
            }
            EpochMetrics m = new EpochMetrics(epoch, 1.0 / epoch, 0.5 + epoch / 100.0, 1.1 / epoch, 0.5 + epoch / 110.0,
                    config.getDouble("lr"), batches * batchMillis / 1000.0, 1000);
            history.add(m);
            listener.onEpoch(m);
            listener.onCheckpoint(new Checkpoint(epoch, ByteBuffer.allocate(4).putInt(epoch).array()));
        }
        List<Double> perClass = Collections.nCopies(10, 0.8);
        int[][] confusion = new int[10][10];
        for (int i = 0; i < 10; i++) {
            confusion[i][i] = 8;
        }
        return new TrainResult(0.5, 0.8, perClass, confusion, epochs, 0.5 + epochs / 110.0, history,
                (System.nanoTime() - t0) / 1e9, "cpu", new byte[]{1, 2, 3});
    }

    /** Number of batches trained so far, per epoch number (for "cancel within one batch"). */
    public List<Integer> batchesSeen() {
        return batchesSeen;
    }

    private void sleep() {
        try {
            Thread.sleep(batchMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TrainingCancelledException(0);
        }
    }
}
