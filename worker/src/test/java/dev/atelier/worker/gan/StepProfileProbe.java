package dev.atelier.worker.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import dev.atelier.worker.data.ImageSet;
import dev.atelier.worker.training.ParamOptimizer;

/**
 * Manual probe (not a test): records {@code BATCHES} dcgan steps of one kind with the PyTorch profiler, after a warm-up.
 * {@code java ... StepProfileProbe gan|stacked WARMUP BATCHES trace.json}.
 */
final class StepProfileProbe {
    private static final int BATCH = 128;

    public static void main(String[] args) throws java.io.IOException {
        boolean stacked = args[0].equals("stacked");
        int warmup = Integer.parseInt(args[1]);
        int profiled = Integer.parseInt(args[2]);
        ImageSet data = GanThroughput.noiseBatch(BATCH, 1);
        float[] pixels = data.pixels();
        int[] labels = data.labels();
        try (ConditionalGan gan = new ConditionalGan(new GanOptions("dcgan", 1, 0.0002, BATCH, 100, 42, 0));
             ParamOptimizer adam = ParamOptimizer.adam(ParamOptimizer.trainableParameters(gan.discriminator(), gan.generator().block()), 0.5f, 0.999f)) {
            long total = 0;
            for (int b = 0; b < warmup + profiled; b++) {
                if (b == warmup) {
                    JniUtils.startProfile(false, true, false);
                    total = 0;
                }
                long start = System.nanoTime();
                try (NDManager batch = gan.generator().manager().newSubManager()) {
                    NDArray real = Batches.images(batch, pixels, BATCH);
                    NDArray onehot = Batches.oneHot(batch, labels);
                    if (stacked) {
                        GanThroughput.stackedStep(gan, adam, onehot);
                    } else {
                        gan.iterate(real, onehot);
                    }
                }
                total += System.nanoTime() - start;
            }
            JniUtils.stopProfile(args[3]);
            System.out.printf("%s: %.1f ms per batch over %d profiled batches%n", args[0], total / 1e6 / profiled, profiled);
        }
    }
}
