package dev.atelier.worker.gan;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import dev.atelier.worker.data.ImageSet;
import dev.atelier.worker.training.ExclusiveGradientCollector;
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
                        try (GradientCollector collector = ExclusiveGradientCollector.open(Engine.getInstance())) {
                            NDArray z = batch.randomNormal(new Shape(BATCH, 100));
                            NDArray out = gan.discriminate(gan.generator().forward(z, onehot, true), onehot);
                            NDArray loss = ConditionalGan.bceWithLogits(ConditionalGan.realLogit(out), 1f).add(ConditionalGan.classLoss(out, onehot));
                            Batches.zeroGradients(gan.discriminator());
                            Batches.zeroGradients(gan.generator().block());
                            collector.backward(loss);
                        }
                        adam.step(2e-4);
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
