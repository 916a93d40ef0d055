package dev.atelier.worker.gan;

import dev.atelier.schemas.config.RunConfig;
import dev.atelier.worker.data.ImageSet;
import dev.atelier.worker.training.CancellationToken;
import dev.atelier.worker.training.DjlTrainingEngine;
import dev.atelier.worker.training.TrainResult;
import java.util.Map;
import java.util.Optional;

/**
 * Control for {@code synthetic_labels=teacher}: the same judge and temperature, the same number of extra images, but
 * the extra images are copies of the real training images instead of generated ones (self-distillation without a
 * generator). If this matches augment=cgan with teacher labels, the gain comes from the soft targets, not the cGAN.
 *
 * <pre>java -cp worker/target/test-classes:worker/target/classes:cli/target/lib/* dev.atelier.worker.gan.TeacherControlProbe 550 300 1 2 3</pre>
 */
public final class TeacherControlProbe {
    private TeacherControlProbe() {
    }

    public static void main(String[] args) {
        int subset = Integer.parseInt(args[0]);
        int perClass = Integer.parseInt(args[1]);
        for (int i = 2; i < args.length; i++) {
            int seed = Integer.parseInt(args[i]);
            RunConfig config = RunConfig.resolve(Map.of("augment", "cgan", "architecture", "cnn", "epochs", "15", "train_subset", String.valueOf(subset),
                    "seed", String.valueOf(seed)));
            DjlTrainingEngine engine = new DjlTrainingEngine((c, train, progress) -> withTeacherCopies(train, perClass * ImageSet.CLASSES,
                    seed + CganExtender.SAMPLE_SEED_OFFSET));
            TrainResult result = engine.train(config, metrics -> { }, CancellationToken.NEVER, Optional.empty());
            System.out.printf("control subset=%d extra=%d seed=%d test_acc=%.4f%n", subset, perClass * ImageSet.CLASSES, seed, result.testAcc());
        }
    }

    /** (The engine calls its extender only when augment=cgan; this one ignores the generator options.) */
    private static ImageSet withTeacherCopies(ImageSet train, int extra, long seed) {
        float[] px = new float[extra * ImageSet.PIXELS];
        int[] labels = new int[extra];
        for (int i = 0; i < extra; i++) {
            int from = i % train.size();
            System.arraycopy(train.pixels(), from * ImageSet.PIXELS, px, i * ImageSet.PIXELS, ImageSet.PIXELS);
            labels[i] = train.labels()[from];
        }
        ImageSet copies = new ImageSet(px, labels);
        try (ReferenceClassifier judge = AgreementFilter.trainJudge(train, seed, line -> { })) {
            return ImageSet.concat(train, new ImageSet(px, labels, judge.probabilities(copies, CganExtender.TEACHER_TEMPERATURE)));
        }
    }
}
