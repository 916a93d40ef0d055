package dev.atelier.worker.gan;

import ai.djl.nn.Block;
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
        String sha256;
        try (Generator g = r.generator()) {
            sha256 = weightsSha256(g.block());
        }
        System.out.printf("steps %d d_loss %.9f g_loss %.9f sha256 %s%n", r.stats().steps(), r.stats().lastDiscriminatorLoss(),
                r.stats().lastGeneratorLoss(), sha256);
    }

    /** SHA-256 (hex) of a block's weights, in parameter order: equal only for bit-identical weights. */
    static String weightsSha256(Block block) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (Pair<String, Parameter> p : block.getParameters()) {
            digest(md, p.getValue().getArray().toFloatArray());
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** Feeds the bytes of {@code values} to {@code md}. */
    static void digest(MessageDigest md, float[] values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length);
        b.asFloatBuffer().put(values);
        md.update(b);
    }
}
