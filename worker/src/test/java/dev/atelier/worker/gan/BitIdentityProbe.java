package dev.atelier.worker.gan;

import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.atelier.worker.data.ImageSet;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;

/** Trains a dcgan generator (with EMA) on real data and prints a SHA-256 of its weights and its last losses. */
final class BitIdentityProbe {
    public static void main(String[] args) throws Exception {
        ImageSet train = TestData.fashion("train", Integer.parseInt(args[0]));
        GanOptions options = new GanOptions("dcgan", 1, 0.0002, 128, 100, Long.parseLong(args[1]), 0, false, 0.999);
        GanTrainer.Result r = GanTrainer.train(options, train, line -> { });
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (Generator g = r.generator()) {
            for (Pair<String, Parameter> p : g.block().getParameters()) {
                float[] w = p.getValue().getArray().toFloatArray();
                ByteBuffer b = ByteBuffer.allocate(4 * w.length);
                b.asFloatBuffer().put(w);
                md.update(b);
            }
        }
        System.out.printf("steps %d d_loss %.9f g_loss %.9f sha256 %s%n", r.stats().steps(), r.stats().lastDiscriminatorLoss(),
                r.stats().lastGeneratorLoss(), HexFormat.of().formatHex(md.digest()));
    }
}
