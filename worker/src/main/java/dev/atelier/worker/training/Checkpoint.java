package dev.atelier.worker.training;

/**
 * Everything needed to resume a run after {@code epoch}: an opaque, self-contained byte blob written by
 * the engine (parameters, best parameters so far, metric history, optimizer/schedule position).
 */
public record Checkpoint(int epoch, byte[] data) {
}
