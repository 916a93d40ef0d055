package dev.atelier.worker.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import dev.atelier.worker.data.ImageSet;
import java.util.Random;

/**
 * Manual probe (not a test): times dcgan GAN iterations on real training images and, when asked, records them with the
 * PyTorch profiler (a Chrome trace: per-operator times and input shapes).
 * {@code java ... GanProfileProbe WARMUP_BATCHES PROFILED_BATCHES trace.json}; 0 profiled batches only prints the
 * mean time per batch of every 50.
 */
final class GanProfileProbe {
    private static final int BATCH = 128;

    public static void main(String[] args) throws java.io.IOException {
        int warmup = Integer.parseInt(args[0]);
        int profiled = Integer.parseInt(args[1]);
        ImageSet train = TestData.fashion("train", 55000);
        int[] order = Batches.shuffled(train.size(), new Random(1));
        float[] pixels = new float[BATCH * ImageSet.PIXELS];
        int[] labels = new int[BATCH];
        long sinceReport = 0;
        try (ConditionalGan gan = new ConditionalGan(new GanOptions("dcgan", 1, 0.0002, BATCH, 100, 42, 0, false, 0.999))) {
            for (int b = 0; b < warmup + profiled; b++) {
                if (b == warmup && profiled > 0) {
                    JniUtils.startProfile(false, true, false);
                }
                long start = System.nanoTime();
                Batches.gather(train, order, b * BATCH % (train.size() - BATCH), pixels, labels);
                try (NDManager batch = gan.generator().manager().newSubManager()) {
                    NDArray real = Batches.images(batch, pixels, BATCH);
                    gan.iterate(real, Batches.oneHot(batch, labels)).toFloatArray();
                }
                sinceReport += System.nanoTime() - start;
                if ((b + 1) % 50 == 0) {
                    System.out.printf("batches %d: %.1f ms per batch%n", b + 1, sinceReport / 50 / 1e6);
                    sinceReport = 0;
                }
            }
            if (profiled > 0) {
                JniUtils.stopProfile(args[2]);
            }
        }
    }
}
