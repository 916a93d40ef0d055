package dev.atelier.worker.training;

import java.util.List;

/**
 * The outcome of a finished run; test metrics are of the best checkpoint by validation accuracy.
 *
 * @param confusionMatrix [true class][predicted class], 10×10
 * @param bestModelParams DJL parameter file bytes of the best model
 */
public record TrainResult(double testLoss, double testAcc, List<Double> perClassAccuracy, int[][] confusionMatrix,
                          int bestEpoch, double bestValAcc, List<EpochMetrics> history, double totalSeconds,
                          String device, byte[] bestModelParams) {
}
