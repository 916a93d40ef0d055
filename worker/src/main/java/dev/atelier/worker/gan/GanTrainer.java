package dev.atelier.worker.gan;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.atelier.worker.data.ImageSet;
import java.util.Random;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a conditional GAN on a training split: per batch one {@link ConditionalGan#iterate iteration}
 * (discriminator update, then generator update on the same generated images).
 */
public final class GanTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(GanTrainer.class);
    private static final int PROGRESS_EVERY = 50;

    /** What a training run cost: {@code imagesPerSecond} counts real training images consumed per second. */
    public record Stats(int epochs, long steps, double seconds, double imagesPerSecond, double lastDiscriminatorLoss, double lastGeneratorLoss) {
    }

    /** A trained generator and its training statistics. */
    public record Result(Generator generator, Stats stats) {
    }

    private GanTrainer() {
    }

    public static Result train(GanOptions options, ImageSet train, Consumer<String> progress) {
        return train(options, train, progress, gan -> { });
    }

    /** As {@link #train(GanOptions, ImageSet, Consumer)}; {@code afterIteration} sees the GAN after every iteration (probes). */
    static Result train(GanOptions options, ImageSet train, Consumer<String> progress, Consumer<ConditionalGan> afterIteration) {
        if (train.size() < 2) {
            throw new IllegalArgumentException("the cGAN needs at least 2 training images, got " + train.size());
        }
        Engine.getInstance().setRandomSeed((int) options.seed());
        int batchSize = Math.min(options.batchSize(), train.size());
        int batchesPerEpoch = train.size() / batchSize;
        if (options.maxBatches() > 0) {
            batchesPerEpoch = Math.min(batchesPerEpoch, options.maxBatches());
        }
        Random random = new Random(options.seed());
        float[] batchPixels = new float[batchSize * ImageSet.PIXELS];
        int[] batchLabels = new int[batchSize];
        long steps = 0;
        double dLoss = Double.NaN;
        double gLoss = Double.NaN;
        long start = System.nanoTime();
        ConditionalGan gan = new ConditionalGan(options);
        try (gan; NDManager sums = gan.generator().manager().newSubManager()) {
            for (int epoch = 1; epoch <= options.epochs(); epoch++) {
                int[] order = Batches.shuffled(train.size(), random);
                // (d, g) loss sums of this epoch, kept on the device and read back only every PROGRESS_EVERY batches
                NDArray lossSum = sums.zeros(new Shape(2));
                long epochStart = System.nanoTime();
                for (int b = 0; b < batchesPerEpoch; b++) {
                    Batches.gather(train, order, b * batchSize, batchPixels, batchLabels);
                    try (NDManager batch = gan.generator().manager().newSubManager()) {
                        NDArray real = Batches.images(batch, batchPixels, batchSize);
                        NDArray onehot = Batches.oneHot(batch, batchLabels);
                        lossSum.addi(gan.iterate(real, onehot));
                    }
                    afterIteration.accept(gan);
                    steps++;
                    boolean last = b + 1 == batchesPerEpoch;
                    if ((b + 1) % PROGRESS_EVERY == 0 || last) {
                        float[] mean;
                        try (NDArray m = lossSum.div(b + 1)) {
                            mean = m.toFloatArray();
                        }
                        dLoss = mean[0];
                        gLoss = mean[1];
                        if (!Double.isFinite(dLoss) || !Double.isFinite(gLoss)) {
                            throw new IllegalStateException("cGAN diverged at epoch " + epoch + " batch " + (b + 1) + ": d_loss=" + dLoss
                                    + " g_loss=" + gLoss + "; try a lower gan_lr (now " + options.lr() + ")");
                        }
                        if (!last) {
                            progress.accept(String.format("gan epoch %d/%d batch %d/%d: d_loss %.3f g_loss %.3f, %.0f img/s", epoch,
                                    options.epochs(), b + 1, batchesPerEpoch, dLoss, gLoss,
                                    (b + 1) * batchSize / ((System.nanoTime() - epochStart) / 1e9)));
                        }
                    }
                }
                lossSum.close();
                double epochSeconds = (System.nanoTime() - epochStart) / 1e9;
                String line = String.format("gan epoch %d/%d: d_loss %.3f g_loss %.3f, %.0f img/s, %.1f s", epoch, options.epochs(),
                        dLoss, gLoss, batchesPerEpoch * batchSize / epochSeconds, epochSeconds);
                LOG.info(line);
                progress.accept(line);
            }
            gan.finish(options.seed());
        } catch (RuntimeException e) {
            gan.generator().close();
            throw e;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Stats stats = new Stats(options.epochs(), steps, seconds, steps * batchSize / seconds, dLoss, gLoss);
        return new Result(gan.generator(), stats);
    }

}
