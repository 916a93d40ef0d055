package dev.atelier.worker.gan;

import dev.atelier.worker.data.ImageSet;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Manual probe (not a test): how much one GAN-train figure moves with the evaluation seed alone. For each cached
 * generator and each seed S it runs one GAN-train classifier as {@link GanEvaluator} does ({@code ganTrainAccuracy}:
 * 2,000 images per class sampled with S + 1, trained 3 epochs from initialisation S) and prints its real test
 * accuracy. args: referenceFile generatorFile... -- seeds...
 */
final class GanTrainSpreadProbe {
    public static void main(String[] args) throws Exception {
        ImageSet test = TestData.fashion("t10k", 10000);
        int sep = java.util.Arrays.asList(args).indexOf("--");
        try (ReferenceClassifier ref = ReferenceClassifier.fromBytes(Files.readAllBytes(Path.of(args[0])))) {
            System.out.printf("reference on test: %.4f%n", ref.accuracy(test));
        }
        for (int g = 1; g < sep; g++) {
            try (Generator gen = Generator.fromBytes(Files.readAllBytes(Path.of(args[g])))) {
                for (int s = sep + 1; s < args.length; s++) {
                    long seed = Long.parseLong(args[s]);
                    double accuracy = GanEvaluator.ganTrainAccuracy(gen, test, 2000, 3, seed, m -> { });
                    System.out.printf("%s evalSeed=%d GAN-train=%.4f%n", Path.of(args[g]).getFileName(), seed, accuracy);
                }
            }
        }
    }
}
