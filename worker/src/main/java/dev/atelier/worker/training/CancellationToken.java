package dev.atelier.worker.training;

/** Checked by the trainer between batches; when it answers true the run stops with {@link TrainingCancelledException}. */
@FunctionalInterface
public interface CancellationToken {
    CancellationToken NEVER = () -> false;

    boolean isCancelled();
}
