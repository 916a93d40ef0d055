package dev.atelier.worker.gan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import dev.atelier.worker.training.NoGrad;
import java.util.List;
import org.junit.jupiter.api.Test;

class WeightAverageTest {

    @Test
    void theAverageFollowsTheWeightsWithTheGivenDecayAndReplacesThemAtTheEnd() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Parameter p = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT).build();
            p.setArray(manager.create(new float[] {0f, 10f}));
            p.getArray().setRequiresGradient(true);
            double decay = 0.9;
            double[] expected = {0, 10};
            try (WeightAverage average = new WeightAverage(List.of(p), decay)) {
                for (int t = 1; t <= 40; t++) {
                    try (NoGrad ignored = NoGrad.open()) {
                        p.getArray().addi(1f); // the optimizer moves the weights by +1 per step
                    }
                    average.update();
                    double d = Math.min(decay, (1.0 + t) / (10.0 + t));
                    expected[0] = d * expected[0] + (1 - d) * t;
                    expected[1] = d * expected[1] + (1 - d) * (10 + t);
                }
                assertThat(p.getArray().toFloatArray()).containsExactly(40f, 50f);
                average.copyIntoWeights();
            }
            float[] w = p.getArray().toFloatArray();
            assertThat(w[0]).isCloseTo((float) expected[0], within(1e-3f));
            assertThat(w[1]).isCloseTo((float) expected[1], within(1e-3f));
            assertThat(w[0]).isBetween(30f, 40f); // lags the weights by about 1/(1-decay) steps
        }
    }

    @Test
    void averagingAnOwnDiscriminatorRateAndModeSeekingArePartOfTheGeneratorCacheKeyAndLeaveTheOldKeysAsTheyWere() {
        var train = TestData.random(2, 1);
        GanOptions plain = new GanOptions("mlp", 1, 0.0002, 10, 16, 5, 2);
        GanOptions averaged = new GanOptions("mlp", 1, 0.0002, 10, 16, 5, 2, false, 0.999);
        // the key generators had before gan_ema existed (GanOptions' record string then), so cached ones stay valid
        String legacy = "mlp-" + GanOptions.sha256(GanOptions.RECIPE + "|GanOptions[arch=mlp, epochs=1, lr=2.0E-4, batchSize=10, latentDim=16,"
                + " seed=5, maxBatches=2, diffAugment=false]|" + GanOptions.fingerprint(train));
        assertThat(plain.cacheKey(train)).isEqualTo(legacy);
        assertThat(averaged.cacheKey(train)).isNotEqualTo(legacy);
        assertThat(new GanOptions("mlp", 1, 0.0002, 10, 16, 5, 2, false, 0.99).cacheKey(train)).isNotEqualTo(averaged.cacheKey(train));
        // a discriminator learning rate of its own is another recipe; the same rate for both is the old one
        assertThat(new GanOptions("mlp", 1, 0.0002, 10, 16, 5, 2, false, 0.999, 2).cacheKey(train)).isNotEqualTo(averaged.cacheKey(train));
        assertThat(new GanOptions("mlp", 1, 0.0002, 10, 16, 5, 2, false, 0.999, 1).cacheKey(train)).isEqualTo(averaged.cacheKey(train));
        // so is a mode-seeking term; weight 0 is the recipe without it
        assertThat(new GanOptions("mlp", 1, 0.0002, 10, 16, 5, 2, false, 0.999, 1, 1).cacheKey(train)).isNotEqualTo(averaged.cacheKey(train));
        assertThat(new GanOptions("mlp", 1, 0.0002, 10, 16, 5, 2, false, 0.999, 1, 0).cacheKey(train)).isEqualTo(averaged.cacheKey(train));
    }
}
