package dev.atelier.worker.gan;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.atelier.worker.data.ImageSet;
import java.util.Random;

/** Manual probe: per-batch losses and first non-finite parameter/gradient. args: arch seed batches */
final class NanProbe {
    public static void main(String[] args) throws Exception {
        ImageSet train = TestData.fashion("train", 60000);
        long seed = Long.parseLong(args[1]);
        GanOptions o = new GanOptions(args[0], 1, 0.0002, 128, 100, seed, 0);
        Engine.getInstance().setRandomSeed((int) seed);
        Random random = new Random(seed);
        int bs = 128;
        float[] px = new float[bs * ImageSet.PIXELS];
        int[] lab = new int[bs];
        try (ConditionalGan gan = new ConditionalGan(o)) {
            int[] order = Batches.shuffled(train.size(), random);
            for (int b = 0; b < Integer.parseInt(args[2]); b++) {
                Batches.gather(train, order, b * bs, px, lab);
                try (NDManager m = gan.generator().manager().newSubManager()) {
                    NDArray real = Batches.images(m, px, bs);
                    NDArray oh = Batches.oneHot(m, lab);
                    float[] l = gan.iterate(real, oh).toFloatArray();
                    String bad = check("G", gan.generator().block()) + check("D", gan.discriminator());
                    System.out.printf("batch %d d=%.4f g=%.4f %s%n", b + 1, l[0], l[1], bad);
                    if (!bad.isEmpty() || !Float.isFinite(l[0]) || !Float.isFinite(l[1])) {
                        break;
                    }
                }
            }
        }
    }

    /** "tag:name=value" for every weight, and "tag:grad:name=value" for every gradient, whose largest |element| is not finite. */
    static String check(String tag, Block block) {
        StringBuilder sb = new StringBuilder();
        for (Pair<String, Parameter> p : block.getParameters()) {
            NDArray a = p.getValue().getArray();
            appendIfNonFinite(sb, tag + ":" + p.getKey(), a);
            if (a.hasGradient()) {
                try (NDArray grad = a.getGradient()) {
                    appendIfNonFinite(sb, tag + ":grad:" + p.getKey(), grad);
                }
            }
        }
        return sb.toString();
    }

    private static void appendIfNonFinite(StringBuilder sb, String name, NDArray a) {
        try (NDArray abs = a.abs(); NDArray max = abs.max()) {
            float value = max.getFloat();
            if (!Float.isFinite(value)) {
                sb.append(name).append('=').append(value).append(' ');
            }
        }
    }
}
