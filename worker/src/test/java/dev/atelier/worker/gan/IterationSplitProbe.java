package dev.atelier.worker.gan;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.atelier.worker.data.ImageSet;
import dev.atelier.worker.training.ExclusiveGradientCollector;
import dev.atelier.worker.training.ParamOptimizer;

/** Manual probe: wall time of each phase of a dcgan GAN iteration (the steps of ConditionalGan.iterate, timed apart). */
final class IterationSplitProbe {
    private static final int B = 128;

    public static void main(String[] args) {
        int batches = Integer.parseInt(args[0]);
        ImageSet data = GanThroughput.noiseBatch(B, 1);
        float[] pixels = data.pixels();
        int[] labels = data.labels();
        String[] names = {"G forward", "D fwd real+fake", "D backward", "D adam", "D fwd (frozen)", "G backward", "G adam"};
        double[] t = new double[names.length];
        try (ConditionalGan gan = new ConditionalGan(new GanOptions("dcgan", 1, 0.0002, B, 100, 42, 0));
             ParamOptimizer dAdam = ParamOptimizer.adam(ParamOptimizer.trainableParameters(gan.discriminator()), 0.5f, 0.999f);
             ParamOptimizer gAdam = ParamOptimizer.adam(ParamOptimizer.trainableParameters(gan.generator().block()), 0.5f, 0.999f)) {
            for (int b = 0; b < batches; b++) {
                try (NDManager batch = gan.generator().manager().newSubManager()) {
                    NDArray real = Batches.images(batch, pixels, B);
                    NDArray onehot = Batches.oneHot(batch, labels);
                    long[] at = new long[names.length + 1];
                    at[0] = System.nanoTime();
                    NDArray fake;
                    try (GradientCollector c = ExclusiveGradientCollector.open(Engine.getInstance())) {
                        fake = gan.generator().forward(batch.randomNormal(new Shape(B, 100)), onehot, true);
                        at[1] = System.nanoTime();
                        NDArray r = gan.discriminate(real, onehot);
                        NDArray f = gan.discriminate(fake.stopGradient(), onehot);
                        NDArray loss = ConditionalGan.bceWithLogits(ConditionalGan.realLogit(r), ConditionalGan.REAL_TARGET)
                                .add(ConditionalGan.bceWithLogits(ConditionalGan.realLogit(f), 0f)).add(ConditionalGan.classLoss(r, onehot));
                        at[2] = System.nanoTime();
                        Batches.zeroGradients(gan.discriminator());
                        c.backward(loss);
                        at[3] = System.nanoTime();
                    }
                    dAdam.step(2e-4);
                    at[4] = System.nanoTime();
                    Batches.setTrainable(gan.discriminator(), false);
                    try (GradientCollector c = ExclusiveGradientCollector.open(Engine.getInstance())) {
                        NDArray out = gan.discriminate(fake, onehot);
                        NDArray loss = ConditionalGan.bceWithLogits(ConditionalGan.realLogit(out), 1f).add(ConditionalGan.classLoss(out, onehot));
                        at[5] = System.nanoTime();
                        Batches.zeroGradients(gan.generator().block());
                        c.backward(loss);
                        at[6] = System.nanoTime();
                    } finally {
                        Batches.setTrainable(gan.discriminator(), true);
                    }
                    gAdam.step(2e-4);
                    at[7] = System.nanoTime();
                    if (b >= 10) {
                        for (int i = 0; i < names.length; i++) {
                            t[i] += (at[i + 1] - at[i]) / 1e6;
                        }
                    }
                }
            }
        }
        double total = 0;
        for (int i = 0; i < names.length; i++) {
            System.out.printf("%-16s %6.2f ms%n", names[i], t[i] / (batches - 10));
            total += t[i];
        }
        System.out.printf("%-16s %6.2f ms%n", "total", total / (batches - 10));
    }
}
