package dev.atelier.worker.gan;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * How good a generator is, measured with the {@link ReferenceClassifier}.
 *
 * @param ganTest accuracy of the reference classifier on generated images against their conditioning labels
 * @param ganTrainRuns real test-set accuracy of each reference-architecture classifier trained only on generated
 *     images (see {@link GanEvaluator.Settings#ganTrainRepeats}); GAN-train is their mean
 * @param fid Fréchet distance between {@code fidSamples} generated and the real test images on {@link #fidFeatureLayer}
 * @param referenceTestAccuracy the reference classifier's own accuracy on the real test set (the ceiling for GAN-test)
 */
public record QualityReport(double ganTest, List<Double> ganTrainRuns, double fid, String fidFeatureLayer, int fidSamples,
                            int ganTrainImages, double referenceTestAccuracy, double seconds) {

    public QualityReport {
        if (ganTrainRuns.isEmpty()) {
            throw new IllegalArgumentException("a quality report needs at least one GAN-train classifier");
        }
        ganTrainRuns = List.copyOf(ganTrainRuns);
    }

    /** GAN-train: the mean over the classifiers. */
    public double ganTrain() {
        return ganTrainRuns.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    /** Sample standard deviation of the classifiers' accuracies (0 for one classifier). */
    public double ganTrainStd() {
        int n = ganTrainRuns.size();
        if (n < 2) {
            return 0;
        }
        double mean = ganTrain();
        double squares = ganTrainRuns.stream().mapToDouble(a -> (a - mean) * (a - mean)).sum();
        return Math.sqrt(squares / (n - 1));
    }

    public JsonObject toJson() {
        return new JsonObject()
                .put("gan_test", ganTest)
                .put("gan_train", ganTrain())
                .put("gan_train_std", ganTrainStd())
                .put("gan_train_runs", new JsonArray(ganTrainRuns))
                .put("fid", fid)
                .put("fid_feature_layer", fidFeatureLayer)
                .put("fid_samples", fidSamples)
                .put("gan_train_images", ganTrainImages)
                .put("reference_test_accuracy", referenceTestAccuracy)
                .put("evaluation_seconds", seconds);
    }

    public String describe() {
        return String.format("GAN-test %.2f%% | GAN-train %.2f%% ± %.2f (mean of %d classifiers) | FID %.2f (%d vs %d real test, %s)"
                        + " | reference classifier %.2f%% on real test",
                100 * ganTest, 100 * ganTrain(), 100 * ganTrainStd(), ganTrainRuns.size(), fid, fidSamples, fidSamples, "fc128 features",
                100 * referenceTestAccuracy);
    }
}
