package dev.atelier.worker.gan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.atelier.worker.data.ImageSet;
import dev.atelier.worker.training.NoGrad;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * A GAN that blows up late (one seed of gan_d_lr_scale=2 did in epoch 19 of 20, docs/gan.md) keeps the generator it
 * had after its last healthy epoch and says so; one that blows up in its first epoch fails with what to change.
 */
class GanDivergenceTest {
    private static final ImageSet TRAIN = TestData.random(10, 1);
    private static final int BATCHES = 3;

    @Test
    void divergenceInALaterEpochRollsTheGeneratorBackToTheEpochBeforeAndReportsIt() {
        List<String> progress = new ArrayList<>();
        GanTrainer.Result broken = GanTrainer.train(options(3), TRAIN, progress::add, blowUpDiscriminatorAt(BATCHES + 2));
        GanTrainer.Result oneEpoch = GanTrainer.train(options(1), TRAIN, line -> { });
        try (Generator rolledBack = broken.generator(); Generator reference = oneEpoch.generator()) {
            assertThat(broken.stats().divergedAtEpoch()).isEqualTo(2);
            assertThat(broken.stats().epochs()).as("epochs the generator kept").isEqualTo(1);
            assertThat(oneEpoch.stats().divergedAtEpoch()).isZero();
            assertThat(progress).anySatisfy(line -> assertThat(line).contains("diverged in epoch 2", "WARNING", "after epoch 1 of 3"));
            assertThat(progress).noneMatch(line -> line.startsWith("gan epoch 2/3:"));
            assertThat(weights(rolledBack)).as("the generator after epoch 1, batch norm re-estimated as at the end of a run")
                    .isDeepEqualTo(weights(reference));
        }
    }

    @Test
    void divergenceInTheFirstEpochFailsWithWhatToChange() {
        GanOptions options = new GanOptions("mlp", 3, 0.0002, 20, 16, 5, BATCHES, false, 0.999, 2);
        assertThatThrownBy(() -> GanTrainer.train(options, TRAIN, line -> { }, blowUpDiscriminatorAt(2)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("diverged in epoch 1 by batch 3")
                .hasMessageContaining("a lower gan_lr (now 2.0E-4) or gan_d_lr_scale=1 (now 2.0) or another seed");
    }

    private static GanOptions options(int epochs) {
        return new GanOptions("mlp", epochs, 0.0002, 20, 16, 5, BATCHES, false, 0.999);
    }

    /** Multiplies every discriminator weight by 1000 after the given iteration (1-based): its logits explode. */
    private static Consumer<ConditionalGan> blowUpDiscriminatorAt(int iteration) {
        int[] count = {0};
        return gan -> {
            if (++count[0] == iteration) {
                try (NoGrad ignored = NoGrad.open()) {
                    gan.discriminator().getParameters().forEach(p -> p.getValue().getArray().muli(1000));
                }
            }
        };
    }

    private static float[][] weights(Generator g) {
        return g.block().getParameters().stream().map(Pair::getValue).map(Parameter::getArray).map(a -> a.toFloatArray())
                .toArray(float[][]::new);
    }
}
