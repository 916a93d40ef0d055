package dev.atelier.worker.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.atelier.worker.data.ImageSet;
import java.lang.management.ManagementFactory;

/** Manual probe (not a test): CPU seconds per component of a GAN step. */
final class GanStepProbe {
    static double cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    public static void main(String[] args) {
        String arch = args[0];
        int b = 128;
        try (ConditionalGan gan = new ConditionalGan(new GanOptions(arch, 1, 2e-4, b, 100, 1, 0)); Generator g = gan.generator()) {
            ImageSet data = TestData.random(13, 1);
            float[] px = java.util.Arrays.copyOf(data.pixels(), b * 784);
            int[] labels = java.util.Arrays.copyOf(data.labels(), b);
            for (String what : new String[] {"gfwd", "dfwd", "dstep", "gstep", "both", "gfwd", "dfwd", "dstep", "gstep", "both"}) {
                double c0 = cpu();
                long t0 = System.nanoTime();
                int n = 10;
                for (int i = 0; i < n; i++) {
                    try (NDManager m = g.manager().newSubManager()) {
                        NDArray real = Batches.images(m, px, b);
                        NDArray oh = Batches.oneHot(m, labels);
                        switch (what) {
                            case "gfwd" -> g.forward(m.randomNormal(new Shape(b, 100)), oh, true).toFloatArray();
                            case "dfwd" -> gan.discriminate(real, oh).toFloatArray();
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
