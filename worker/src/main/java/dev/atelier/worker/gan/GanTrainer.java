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
    static final int PROGRESS_EVERY = 50;

    /**
     * What a training run cost: {@code imagesPerSecond} counts real training images consumed per second. {@code epochs}
     * is the number of epochs the generator was trained for: fewer than asked when training diverged in epoch
     * {@code divergedAtEpoch} (0 = it did not) and the generator went back to its state after the last epoch that ended
     * healthy ({@link DivergenceGuard#epochEnded}).
     */
    public record Stats(int epochs, long steps, double seconds, double imagesPerSecond, double lastDiscriminatorLoss, double lastGeneratorLoss,
                        int divergedAtEpoch) {
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
        long totalSteps = (long) options.epochs() * batchesPerEpoch;
        float[] batchPixels = new float[batchSize * ImageSet.PIXELS];
        int[] batchLabels = new int[batchSize];
        long steps = 0;
        double dLoss = Double.NaN;
        double gLoss = Double.NaN;
        int epochsDone = 0;
        int divergedAt = 0;
        long start = System.nanoTime();
        ConditionalGan gan = new ConditionalGan(options);
        // the generator's state after the last epoch that ended healthy, to go back to if training diverges later (none for one epoch)
        try (gan; NDManager sums = gan.generator().manager().newSubManager();
             Snapshot healthy = options.epochs() > 1 ? new Snapshot(gan.generatorState()) : null) {
            DivergenceGuard guard = new DivergenceGuard();
            epochs:
            for (int epoch = 1; epoch <= options.epochs(); epoch++) {
                int[] order = Batches.shuffled(train.size(), random);
                // (d, g) loss sums of this epoch, kept on the device and read back only every PROGRESS_EVERY batches
                NDArray lossSum = sums.zeros(new Shape(2));
                float[] checked = {0, 0};
                int checkedBatches = 0;
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
                        float[] sum = lossSum.toFloatArray();
                        dLoss = sum[0] / (b + 1);
                        gLoss = sum[1] / (b + 1);
                        int recentBatches = b + 1 - checkedBatches;
                        double recentD = (sum[0] - checked[0]) / recentBatches;
                        checked = sum;
                        checkedBatches = b + 1;
                        String diverged = guard.check(recentD, recentBatches, dLoss, gLoss);
                        if (diverged != null) {
                            String what = String.format("cGAN diverged in epoch %d by batch %d: d_loss %.4g over its last %d batches (healthy: below 1),"
                                    + " g_loss %.4g: %s", epoch, b + 1, recentD, recentBatches, gLoss, diverged);
                            if (guard.healthyEpoch() == 0) {
                                throw new IllegalStateException(what + (epochsDone > 0 ? "; no epoch ended healthy" : "")
                                        + "; try " + remedy(options));
                            }
                            divergedAt = epoch;
                            String line = what + "; WARNING: the generator goes back to its state after epoch " + guard.healthyEpoch() + " of "
                                    + options.epochs() + " and training stops there (" + remedy(options) + " may train all epochs)";
                            LOG.warn(line);
                            progress.accept(line);
                            break epochs;
                        }
                        if (!last) {
                            progress.accept(String.format("gan epoch %d/%d batch %d/%d: d_loss %.3f g_loss %.3f, %.0f img/s, ETA %s", epoch,
                                    options.epochs(), b + 1, batchesPerEpoch, dLoss, gLoss,
                                    (b + 1) * batchSize / ((System.nanoTime() - epochStart) / 1e9),
                                    eta(start, steps, totalSteps)));
                        }
                    }
                }
                lossSum.close();
                double epochSeconds = (System.nanoTime() - epochStart) / 1e9;
                String line = String.format("gan epoch %d/%d: d_loss %.3f g_loss %.3f, %.0f img/s, %.1f s%s", epoch, options.epochs(),
                        dLoss, gLoss, batchesPerEpoch * batchSize / epochSeconds, epochSeconds,
                        epoch < options.epochs() ? ", ETA " + eta(start, steps, totalSteps) : "");
                LOG.info(line);
                progress.accept(line);
                epochsDone = epoch;
                if (guard.epochEnded(epoch) && epoch < options.epochs()) {
                    healthy.retake();
                }
            }
            if (divergedAt > 0) {
                healthy.restore();
                epochsDone = guard.healthyEpoch();
            }
            gan.finish(options.seed());
        } catch (RuntimeException e) {
            gan.generator().close();
            throw e;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Stats stats = new Stats(epochsDone, steps, seconds, steps * batchSize / seconds, dLoss, gLoss, divergedAt);
        return new Result(gan.generator(), stats);
    }

    /** Time left (m:ss) at the pace so far, {@code steps} of {@code totalSteps} iterations done since {@code start}. */
    private static String eta(long start, long steps, long totalSteps) {
        long seconds = Math.round((System.nanoTime() - start) / 1e9 / steps * (totalSteps - steps));
        return String.format("%d:%02d", seconds / 60, seconds % 60);
    }

    /** What may keep a run from diverging. */
    private static String remedy(GanOptions options) {
        return "a lower gan_lr (now " + options.lr() + ")"
                + (options.discriminatorLrScale() != 1 ? " or gan_d_lr_scale=1 (now " + options.discriminatorLrScale() + ")" : "")
                + (options.modeSeeking() != 0 ? " or gan_mode_seeking=0 (now " + options.modeSeeking() + ")" : "")
                + " or another seed";
    }

}
