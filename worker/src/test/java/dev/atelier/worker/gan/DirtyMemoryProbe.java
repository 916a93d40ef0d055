package dev.atelier.worker.gan;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.util.Pair;
import dev.atelier.worker.data.ImageSet;
import dev.atelier.worker.training.ExclusiveGradientCollector;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Manual probe: do the dcgan's gradients depend on what was in freed memory? The same batch, noise and weights go
 * forward and backward through G and D again and again; between passes, arrays full of NaN (or of 1e30) are made and
 * freed so the allocator hands that memory to the next pass. Deterministic kernels give one hash; a kernel that reads
 * memory it never wrote gives others. args: passes [nan|big|none]
 */
final class DirtyMemoryProbe {
    public static void main(String[] args) throws Exception {
        if (args[0].equals("train")) {
            train(Integer.parseInt(args[1]), args.length > 2 ? args[2] : "nan");
            return;
        }
        int passes = Integer.parseInt(args[0]);
        String dirt = args.length > 1 ? args[1] : "nan";
        Engine.getInstance().setRandomSeed(42);
        ImageSet train = TestData.fashion("train", 128);
        GanOptions options = new GanOptions("dcgan", 1, 0.0002, 128, 100, 42, 0, false, 0.999);
        float[] px = new float[128 * ImageSet.PIXELS];
        int[] labels = new int[128];
        Batches.gather(train, null, 0, px, labels);
        try (ConditionalGan gan = new ConditionalGan(options); NDManager m = gan.generator().manager().newSubManager()) {
            NDArray real = Batches.images(m, px, 128);
            NDArray onehot = Batches.oneHot(m, labels);
            NDArray z = m.randomNormal(new Shape(128, 100));
            String first = null;
            int differ = 0;
            for (int p = 0; p < passes; p++) {
                String h = pass(gan, real, onehot, z);
                if (first == null) {
                    first = h;
                } else if (!first.equals(h)) {
                    differ++;
                }
                System.out.printf("pass %d %s%s%n", p + 1, h, h.equals(first) ? "" : "  DIFFERS");
                dirty(m, dirt);
            }
            System.out.printf("RESULT %d of %d passes differ from the first (dirt %s)%n", differ, passes - 1, dirt);
        }
    }

    /**
     * Whole training loop (optimizer steps, weight average, loss sums, the guard's copies): {@code batches} dcgan
     * iterations on real images: clean, with memory dirtied after every iteration, and clean again; prints each
     * generator's hash. args: train batches [nan|big]
     */
    private static void train(int batches, String dirt) throws Exception {
        ImageSet train = TestData.fashion("train", 128 * batches);
        for (String mode : new String[] {"none", dirt, "none"}) {
            GanOptions options = new GanOptions("dcgan", 2, 0.0002, 128, 100, 42, batches / 2, false, 0.999);
            long start = System.nanoTime();
            GanTrainer.Result r;
            try (NDManager scratch = NDManager.newBaseManager()) {
                r = GanTrainer.train(options, train, line -> { }, gan -> dirty(scratch, mode));
            }
            String sha256;
            try (Generator g = r.generator()) {
                sha256 = BitIdentityProbe.weightsSha256(g.block());
            }
            System.out.printf("dirt %-4s steps %d d_loss %.9f g_loss %.9f sha256 %s (%.0f s)%n", mode, r.stats().steps(),
                    r.stats().lastDiscriminatorLoss(), r.stats().lastGeneratorLoss(), sha256.substring(0, 16),
                    (System.nanoTime() - start) / 1e9);
        }
    }

    private static String pass(ConditionalGan gan, NDArray real, NDArray onehot, NDArray z) throws Exception {
        Batches.zeroGradients(gan.generator().block());
        Batches.zeroGradients(gan.discriminator());
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (NDManager s = real.getManager().newSubManager()) {
            NDArray zz = z.duplicate();
            zz.attach(s);
            try (GradientCollector c = ExclusiveGradientCollector.open(Engine.getInstance())) {
                NDArray fake = gan.generator().forward(zz, onehot, true);
                NDArray outFake = gan.discriminate(fake, onehot);
                NDArray outReal = gan.discriminate(real, onehot);
                NDArray loss = ConditionalGan.bceWithLogits(ConditionalGan.realLogit(outFake), 1f)
                        .add(ConditionalGan.bceWithLogits(ConditionalGan.realLogit(outReal), 0.9f))
                        .add(ConditionalGan.classLoss(outReal, onehot));
                c.backward(loss);
                BitIdentityProbe.digest(md, loss.toFloatArray());
            }
            hash(md, gan.generator().block());
            hash(md, gan.discriminator());
            // the generator's update: through the discriminator with its weights frozen (backward-data only)
            Batches.zeroGradients(gan.generator().block());
            Batches.setTrainable(gan.discriminator(), false);
            try (GradientCollector c = ExclusiveGradientCollector.open(Engine.getInstance())) {
                NDArray z2 = z.duplicate();
                z2.attach(s);
                NDArray out = gan.discriminate(gan.generator().forward(z2, onehot, true), onehot);
                NDArray loss = ConditionalGan.bceWithLogits(ConditionalGan.realLogit(out), 1f).add(ConditionalGan.classLoss(out, onehot));
                c.backward(loss);
                BitIdentityProbe.digest(md, loss.toFloatArray());
            } finally {
                Batches.setTrainable(gan.discriminator(), true);
            }
            hash(md, gan.generator().block());
        }
        return HexFormat.of().formatHex(md.digest()).substring(0, 16);
    }

    private static void hash(MessageDigest md, Block block) {
        for (Pair<String, Parameter> p : block.getParameters()) {
            NDArray w = p.getValue().getArray();
            if (w.hasGradient()) {
                BitIdentityProbe.digest(md, w.getGradient().toFloatArray());
            }
        }
    }

    private static void dirty(NDManager m, String dirt) {
        if (dirt.equals("none")) {
            return;
        }
        float value = dirt.equals("nan") ? Float.NaN : 1e30f;
        try (NDManager d = m.newSubManager()) {
            for (int size = 1 << 10; size <= 1 << 23; size <<= 1) {
                for (int k = 0; k < 3; k++) {
                    d.full(new Shape(size), value);
                    d.full(new Shape(size + 16 * k + 7), value);
                }
            }
        }
    }
}
