package dev.atelier.schemas.messages;

/** Worker → orchestrator: one epoch ended (epochs are numbered from 1). */
public record EpochCompleted(String runId, int attempt, int epoch, double trainLoss, double trainAcc, double valLoss,
                             double valAcc, double lr, double epochSeconds, double imagesPerSecond) implements Message {
    @Override
    public String key() {
        return runId;
    }
}
