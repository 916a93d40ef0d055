package dev.atelier.worker.gan;

import dev.atelier.worker.data.ImageSet;
import java.util.function.Consumer;

/** Computes a {@link QualityReport}: GAN-test, GAN-train and FID against the real test set. */
public final class GanEvaluator {

    /**
     * @param samplesPerClass generated images per class for GAN-test and FID (1,000 → 10,000, the size of the test set)
     * @param ganTrainPerClass generated images per class to train the GAN-train classifier on
     * @param ganTrainEpochs epochs for that classifier
     */
    public record Settings(int samplesPerClass, int ganTrainPerClass, int ganTrainEpochs, long seed) {
        public static Settings standard(long seed) {
            return new Settings(1000, 2000, 3, seed);
        }
    }

    private GanEvaluator() {
    }

    public static QualityReport evaluate(Generator generator, ReferenceClassifier reference, ImageSet test, Settings settings,
                                         Consumer<String> progress) {
        long start = System.nanoTime();
        ImageSet generated = generator.sample(settings.samplesPerClass(), settings.seed());
        double ganTest = reference.accuracy(generated);
        progress.accept(String.format("GAN-test: %.2f%%", 100 * ganTest));
        double fid = Fid.distance(reference.features(generated), reference.features(test), ReferenceClassifier.FEATURES);
        progress.accept(String.format("FID: %.2f", fid));
        double referenceAccuracy = reference.accuracy(test);
        ImageSet ganTrainSet = generator.sample(settings.ganTrainPerClass(), settings.seed() + 1);
        double ganTrain;
        try (ReferenceClassifier fromGenerated = ReferenceClassifier.train(ganTrainSet, settings.ganTrainEpochs(), settings.seed(), progress)) {
            ganTrain = fromGenerated.accuracy(test);
        }
        progress.accept(String.format("GAN-train: %.2f%%", 100 * ganTrain));
        return new QualityReport(ganTest, ganTrain, fid, ReferenceClassifier.FEATURE_LAYER, generated.size(), ganTrainSet.size(),
                referenceAccuracy, (System.nanoTime() - start) / 1e9);
    }
}
