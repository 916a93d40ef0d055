package dev.atelier.worker.gan;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.atelier.worker.data.ImageSet;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The same options and data give the same generator, bit for bit, so a cached generator can be rebuilt from its key.
 * (Across processes too since {@link dev.atelier.worker.training.BlockedConv2d}: two default dcgan runs of seed 42,
 * hours apart, wrote byte-identical generator files; see docs/gan.md. {@code BlockedConv2dTest} guards that fix.)
 */
class GanReproducibilityTest {

    @Test
    void twoDcganTrainingsWithTheSameSeedGiveIdenticalGeneratorWeights() throws Exception {
        ImageSet train = TestData.fashion("train", 1280);
        GanOptions options = new GanOptions("dcgan", 1, 0.0002, 64, 100, 11, 15);

        float[][] first = weights(options, train);
        float[][] second = weights(options, train);
        float[][] otherSeed = weights(new GanOptions("dcgan", 1, 0.0002, 64, 100, 12, 15), train);

        assertThat(second).isDeepEqualTo(first);
        assertThat(Arrays.deepEquals(otherSeed, first)).as("another seed, another generator").isFalse();
    }

    private static float[][] weights(GanOptions options, ImageSet train) {
        try (Generator g = GanTrainer.train(options, train, line -> { }).generator()) {
            return g.block().getParameters().stream().map(Pair::getValue).map(Parameter::getArray).map(a -> a.toFloatArray())
                    .toArray(float[][]::new);
        }
    }
}
