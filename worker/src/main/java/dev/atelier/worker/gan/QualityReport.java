package dev.atelier.worker.gan;

import io.vertx.core.json.JsonObject;

/**
 * How good a generator is, measured with the {@link ReferenceClassifier}.
 *
 * @param ganTest accuracy of the reference classifier on generated images against their conditioning labels
 * @param ganTrain real test-set accuracy of a reference-architecture classifier trained only on generated images
 * @param fid Fréchet distance between {@code fidSamples} generated and the real test images on {@link #fidFeatureLayer}
 * @param referenceTestAccuracy the reference classifier's own accuracy on the real test set (the ceiling for GAN-test)
 */
public record QualityReport(double ganTest, double ganTrain, double fid, String fidFeatureLayer, int fidSamples,
                            int ganTrainImages, double referenceTestAccuracy, double seconds) {

    public JsonObject toJson() {
        return new JsonObject()
                .put("gan_test", ganTest)
                .put("gan_train", ganTrain)
                .put("fid", fid)
                .put("fid_feature_layer", fidFeatureLayer)
                .put("fid_samples", fidSamples)
                .put("gan_train_images", ganTrainImages)
                .put("reference_test_accuracy", referenceTestAccuracy)
                .put("evaluation_seconds", seconds);
    }

    public String describe() {
        return String.format("GAN-test %.2f%% | GAN-train %.2f%% | FID %.2f (%d vs %d real test, %s) | reference classifier %.2f%% on real test",
                100 * ganTest, 100 * ganTrain, fid, fidSamples, fidSamples, "fc128 features", 100 * referenceTestAccuracy);
    }
}
