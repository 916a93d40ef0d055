package dev.atelier.worker.training;

/** Receives progress while a run trains. Called on the training thread: keep it quick, never block. */
public interface TrainingListener {

    /** Called as each epoch ends, after validation. */
    void onEpoch(EpochMetrics metrics);

    /** Called every few batches for progress bars. */
    default void onBatch(int epoch, int batch, int batchesPerEpoch, double runningLoss, double imagesPerSecond) {
    }

    /**
     * Whether this listener uses {@link #onCheckpoint}; when false the engine does not build checkpoints (it saves the
     * serialisation of parameters and optimizer state every epoch).
     */
    default boolean wantsCheckpoints() {
        return true;
    }

    /** Called after {@link #onEpoch} with the checkpoint to resume from after this epoch. */
    default void onCheckpoint(Checkpoint checkpoint) {
    }
}
