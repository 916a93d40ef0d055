package dev.atelier.worker.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.atelier.worker.data.ImageSet;
import java.lang.management.ManagementFactory;

/**
 * Manual throughput probe (not a test). Per batch of 128: "classify" = one training step of the
 * discriminator's layers as a plain classifier (forward, backward, Adam) on real images; "dstep" /
 * "gstep" = the two GAN updates; "both" = one full GAN iteration. Run:
 * {@code cd worker && java -Dai.djl.offline=true -cp "target/test-classes:target/classes:../schemas/target/classes:../cli/target/lib/*" dev.atelier.worker.gan.GanStepProbe dcgan}
 */
final class GanStepProbe {
    static double cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    public static void main(String[] args) {
        String arch = args[0];
        int b = 128;
        try (ConditionalGan gan = new ConditionalGan(new GanOptions(arch, 1, 2e-4, b, 100, 1, 0)); Generator g = gan.generator()) {
            ImageSet data = TestData.random(13, 1);
            ai.djl.training.optimizer.Optimizer adam = ai.djl.training.optimizer.Optimizer.adam().build();
            float[] px = java.util.Arrays.copyOf(data.pixels(), b * 784);
            int[] labels = java.util.Arrays.copyOf(data.labels(), b);
            for (String what : new String[] {"classify", "dstep", "gstep", "both", "classify", "dstep", "gstep", "both"}) {
                double c0 = cpu();
                long t0 = System.nanoTime();
                int n = 10;
                for (int i = 0; i < n; i++) {
                    try (NDManager m = g.manager().newSubManager()) {
                        NDArray real = Batches.images(m, px, b);
                        NDArray oh = Batches.oneHot(m, labels);
                        switch (what) {
                            case "classify" -> {
                                try (ai.djl.training.GradientCollector c = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
                                    Batches.zeroGradients(gan.discriminator());
                                    c.backward(ConditionalGan.bceWithLogits(gan.discriminate(real, oh), 1f));
                                }
                                Batches.update(adam, gan.discriminator());
                            }
                            case "dstep" -> gan.discriminatorStep(real, oh);
                            case "gstep" -> gan.generatorStep(oh);
                            default -> {
                                gan.discriminatorStep(real, oh);
                                gan.generatorStep(oh);
                            }
                        }
                    }
                }
                double cpuPerImg = (cpu() - c0) / (n * b);
                System.out.printf("%s %-6s wall %.1f ms/batch, cpu %.3f ms/img -> %.0f img per cpu-second%n", arch, what,
                        (System.nanoTime() - t0) / 1e6 / n, cpuPerImg * 1e3, 1 / cpuPerImg);
            }
        }
    }
}
