package dev.atelier.worker.training;

/** What one finished epoch measured (epochs are numbered from 1). */
public record EpochMetrics(int epoch, double trainLoss, double trainAcc, double valLoss, double valAcc, double lr,
                           double epochSeconds, double imagesPerSecond) {
}
