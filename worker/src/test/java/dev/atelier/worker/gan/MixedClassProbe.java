package dev.atelier.worker.gan;

import dev.atelier.schemas.config.RunConfig;
import dev.atelier.worker.data.ImageSet;
import dev.atelier.worker.training.CancellationToken;
import dev.atelier.worker.training.DjlTrainingEngine;
import dev.atelier.worker.training.TrainResult;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Experiment for the 1 % study: generated images conditioned on a <em>mixture</em> of two classes (label vector
 * λ·e_a + (1−λ)·e_b, which a copy of a real image cannot give), targets from the judge at temperature 3, against the
 * same number of pure-class images with the same targets ({@code synthetic_labels=teacher}).
 *
 * <pre>ATELIER_CACHE_DIR=... java -cp worker/target/test-classes:worker/target/classes:cli/target/lib/* dev.atelier.worker.gan.MixedClassProbe 550 300 0.5 1 2 3</pre>
 * args: subset, synthetic per class, fraction of mixed images, seeds...
 */
public final class MixedClassProbe {
    private MixedClassProbe() {
    }

    public static void main(String[] args) {
        int subset = Integer.parseInt(args[0]);
        int perClass = Integer.parseInt(args[1]);
        double mixedFraction = Double.parseDouble(args[2]);
        for (int i = 3; i < args.length; i++) {
            int seed = Integer.parseInt(args[i]);
            for (double fraction : new double[] {0, mixedFraction}) {
                Map<String, String> opts = new HashMap<>(Map.of("augment", "cgan", "architecture", "cnn", "epochs", "15",
                        "train_subset", String.valueOf(subset), "seed", String.valueOf(seed), "gan_epochs", "500", "gan_diffaugment", "true",
                        "synthetic_per_class", String.valueOf(perClass), "synthetic_labels", "teacher"));
                RunConfig config = RunConfig.resolve(opts);
                DjlTrainingEngine engine = new DjlTrainingEngine((c, train, progress) -> withMixed(c, train, perClass * ImageSet.CLASSES, fraction));
                TrainResult result = engine.train(config, metrics -> { }, CancellationToken.NEVER, Optional.empty());
                System.out.printf("mixed subset=%d extra=%d fraction=%.2f seed=%d test_acc=%.4f%n", subset, perClass * ImageSet.CLASSES, fraction,
                        seed, result.testAcc());
            }
        }
    }

    private static ImageSet withMixed(RunConfig config, ImageSet train, int n, double fraction) {
        GeneratorCache.Obtained obtained = new GeneratorCache(DirectoryBlobStore.defaultLocation()).obtain(GanOptions.from(config), train, System.out::println);
        long seed = config.getInt("seed") + CganExtender.SAMPLE_SEED_OFFSET;
        Random random = new Random(seed);
        float[] cond = new float[n * ImageSet.CLASSES];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int a = i * ImageSet.CLASSES / n;
            labels[i] = a;
            if (random.nextDouble() < fraction) {
                int b = (a + 1 + random.nextInt(ImageSet.CLASSES - 1)) % ImageSet.CLASSES;
                float lambda = 0.5f + 0.5f * random.nextFloat(); // a stays the dominant class
                cond[i * ImageSet.CLASSES + a] = lambda;
                cond[i * ImageSet.CLASSES + b] = 1 - lambda;
            } else {
                cond[i * ImageSet.CLASSES + a] = 1f;
            }
        }
        try (Generator g = obtained.generator(); ReferenceClassifier judge = AgreementFilter.trainJudge(train, seed, line -> { })) {
            ImageSet synthetic = g.sample(labels, cond, random);
            return ImageSet.concat(train, new ImageSet(synthetic.pixels(), labels, judge.probabilities(synthetic, CganExtender.TEACHER_TEMPERATURE)));
        }
    }
}
