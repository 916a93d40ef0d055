package dev.atelier.worker.gan;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.atelier.worker.data.ImageSet;
import java.util.Random;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Trains a conditional GAN on a training split: per batch one discriminator step, then one generator step. */
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
        try (gan) {
            for (int epoch = 1; epoch <= options.epochs(); epoch++) {
                int[] order = Batches.shuffled(train.size(), random);
                double dSum = 0;
                double gSum = 0;
                long epochStart = System.nanoTime();
                for (int b = 0; b < batchesPerEpoch; b++) {
                    Batches.gather(train, order, b * batchSize, batchPixels, batchLabels);
                    try (NDManager batch = gan.generator().manager().newSubManager()) {
                        NDArray real = Batches.images(batch, batchPixels, batchSize);
                        NDArray onehot = Batches.oneHot(batch, batchLabels);
                        dLoss = gan.discriminatorStep(real, onehot);
                        gLoss = gan.generatorStep(onehot);
                    }
                    if (!Double.isFinite(dLoss) || !Double.isFinite(gLoss)) {
                        throw new IllegalStateException("cGAN diverged at epoch " + epoch + " batch " + b + ": d_loss=" + dLoss + " g_loss=" + gLoss
                                + "; try a lower gan_lr (now " + options.lr() + ")");
                    }
                    dSum += dLoss;
                    gSum += gLoss;
                    steps++;
                    if ((b + 1) % PROGRESS_EVERY == 0 && b + 1 < batchesPerEpoch) {
                        progress.accept(String.format("gan epoch %d/%d batch %d/%d: d_loss %.3f g_loss %.3f, %.0f img/s", epoch, options.epochs(),
                                b + 1, batchesPerEpoch, dSum / (b + 1), gSum / (b + 1), (b + 1) * batchSize / ((System.nanoTime() - epochStart) / 1e9)));
                    }
                }
                double epochSeconds = (System.nanoTime() - epochStart) / 1e9;
                String line = String.format("gan epoch %d/%d: d_loss %.3f g_loss %.3f, %.0f img/s, %.1f s", epoch, options.epochs(),
                        dSum / batchesPerEpoch, gSum / batchesPerEpoch, batchesPerEpoch * batchSize / epochSeconds, epochSeconds);
                LOG.info(line);
                progress.accept(line);
            }
        } catch (RuntimeException e) {
            gan.generator().close();
            throw e;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Stats stats = new Stats(options.epochs(), steps, seconds, steps * batchSize / seconds, dLoss, gLoss);
        return new Result(gan.generator(), stats);
    }

}
