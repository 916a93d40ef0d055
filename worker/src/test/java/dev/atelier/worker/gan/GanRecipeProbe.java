package dev.atelier.worker.gan;

import dev.atelier.worker.data.ImageSet;

/**
 * Manual probe (not a test): trains a generator on the first n real training images and prints GAN-test
 * (reference classifier from the local cache) and a grid. java ... GanRecipeProbe arch epochs n maxBatches out.png
 */
final class GanRecipeProbe {
    public static void main(String[] args) throws Exception {
        ImageSet train = TestData.fashion("train", Integer.parseInt(args[2]));
        GanOptions o = new GanOptions(args[0], Integer.parseInt(args[1]), Double.parseDouble(System.getProperty("lr", "0.0002")),
                Integer.parseInt(System.getProperty("batch", "128")), 100, 42, Integer.parseInt(args[3]));
        GanTrainer.Result r = GanTrainer.train(o, train, System.out::println);
        String key = java.util.Arrays.stream(DirectoryBlobStore.defaultLocation().dir().toFile().list())
                .filter(f -> f.startsWith("reference-cnn-v1-")).findFirst().orElseThrow().replace(".bin", "");
        try (Generator g = r.generator();
             ReferenceClassifier ref = ReferenceClassifier.fromBytes(DirectoryBlobStore.defaultLocation().load(key).orElseThrow())) {
            double ganTest = ref.accuracy(g.sample(300, 5));
            SampleGrid.write(g, 1, java.nio.file.Path.of(args[4]));
            System.out.printf("RESULT %s GAN-test %.2f%% in %.0f s (%.0f img/s)%n", String.join(" ", args), 100 * ganTest,
                    r.stats().seconds(), r.stats().imagesPerSecond());
        }
    }
}
