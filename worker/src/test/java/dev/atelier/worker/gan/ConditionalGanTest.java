package dev.atelier.worker.gan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.atelier.worker.data.ImageSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConditionalGanTest {

    private static GanOptions options(String arch) {
        return new GanOptions(arch, 1, 0.0002, 16, 32, 7, 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mlp", "dcgan"})
    void generatorAndDiscriminatorGiveOneImageAndOneLogitPerSampleForEveryClass(String arch) {
        try (ConditionalGan gan = new ConditionalGan(options(arch)); Generator g = gan.generator();
             NDManager m = g.manager().newSubManager()) {
            int[] labels = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
            NDArray onehot = m.create(labels).oneHot(ImageSet.CLASSES).toType(DataType.FLOAT32, false);
            NDArray images = g.forward(m.randomNormal(new Shape(10, 32)), onehot, true);
            assertThat(images.getShape()).isEqualTo(new Shape(10, 1, 28, 28));
            assertThat(images.min().getFloat()).isGreaterThanOrEqualTo(-1f);
            assertThat(images.max().getFloat()).isLessThanOrEqualTo(1f);
            assertThat(gan.discriminate(images, onehot).getShape()).isEqualTo(new Shape(10, 1 + ImageSet.CLASSES));

            ImageSet sampled = g.sample(3, 1);
            assertThat(sampled.size()).isEqualTo(30);
            assertThat(sampled.labels()).startsWith(0, 0, 0, 1, 1, 1).endsWith(9, 9, 9);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mlp", "dcgan"})
    void discriminatorStepChangesOnlyTheDiscriminatorAndGeneratorStepOnlyTheGenerator(String arch) {
        try (ConditionalGan gan = new ConditionalGan(options(arch)); Generator g = gan.generator();
             NDManager m = g.manager().newSubManager()) {
            ImageSet data = TestData.random(2, 3);
            NDArray real = m.create(java.util.Arrays.copyOf(data.pixels(), 16 * ImageSet.PIXELS), new Shape(16, 1, 28, 28)).mul(2f).sub(1f);
            NDArray onehot = m.create(java.util.Arrays.copyOf(data.labels(), 16)).oneHot(10).toType(DataType.FLOAT32, false);

            float[][] g0 = snapshot(g.block());
            float[][] d0 = snapshot(gan.discriminator());
            float dLoss = gan.discriminatorStep(real, onehot);
            assertThat(dLoss).isFinite().isPositive();
            assertThat(snapshot(g.block())).isDeepEqualTo(g0);
            assertThat(changed(d0, snapshot(gan.discriminator()))).isTrue();

            float[][] d1 = snapshot(gan.discriminator());
            float gLoss = gan.generatorStep(onehot);
            assertThat(gLoss).isFinite().isPositive();
            assertThat(snapshot(gan.discriminator())).isDeepEqualTo(d1);
            assertThat(changed(g0, snapshot(g.block()))).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mlp", "dcgan"})
    void oneIterationUpdatesBothNetworksReturnsTwoFiniteLossesAndLeavesTheDiscriminatorTrainable(String arch) {
        try (ConditionalGan gan = new ConditionalGan(options(arch)); Generator g = gan.generator();
             NDManager m = g.manager().newSubManager()) {
            ImageSet data = TestData.random(2, 4);
            NDArray real = Batches.images(m, java.util.Arrays.copyOf(data.pixels(), 16 * ImageSet.PIXELS), 16);
            NDArray onehot = Batches.oneHot(m, java.util.Arrays.copyOf(data.labels(), 16));
            float[][] g0 = snapshot(g.block());
            float[][] d0 = snapshot(gan.discriminator());

            float[] losses = gan.iterate(real, onehot).toFloatArray();

            assertThat(losses).hasSize(2);
            assertThat(losses[0]).isFinite().isPositive();
            assertThat(losses[1]).isFinite().isPositive();
            assertThat(changed(g0, snapshot(g.block()))).isTrue();
            assertThat(changed(d0, snapshot(gan.discriminator()))).isTrue();
            // the discriminator is frozen only during the generator's backward pass
            assertThat(gan.discriminator().getParameters().stream().map(Pair::getValue).filter(Parameter::requiresGradient)
                    .allMatch(p -> p.getArray().hasGradient())).isTrue();
        }
    }

    @org.junit.jupiter.api.Test
    void discriminatorLrScaleMultipliesTheDiscriminatorsStepAndNotTheGenerators() {
        float[][] plain = firstIterationMoves(1);
        float[][] ttur = firstIterationMoves(2);
        // Adam's first step moves each weight by about lr (the gradient's sign): twice the rate, twice the move
        assertThat(ttur[1][0] / plain[1][0]).as("largest discriminator move, scale 2 / scale 1").isCloseTo(2f, within(0.02f));
        assertThat(ttur[1][1] / plain[1][1]).as("total discriminator move").isCloseTo(2f, within(0.05f));
        assertThat(ttur[0][0] / plain[0][0]).as("largest generator move").isCloseTo(1f, within(0.05f));
    }

    /** {{generator max |Δw|, Σ|Δw|}, {discriminator max |Δw|, Σ|Δw|}} after one dcgan iteration with this scale. */
    private static float[][] firstIterationMoves(double discriminatorLrScale) {
        ai.djl.engine.Engine.getInstance().setRandomSeed(3);
        try (ConditionalGan gan = new ConditionalGan(new GanOptions("dcgan", 1, 0.0002, 16, 32, 7, 0, false, 0, discriminatorLrScale));
             Generator g = gan.generator(); NDManager m = g.manager().newSubManager()) {
            ImageSet data = TestData.random(2, 4);
            NDArray real = Batches.images(m, java.util.Arrays.copyOf(data.pixels(), 16 * ImageSet.PIXELS), 16);
            NDArray onehot = Batches.oneHot(m, java.util.Arrays.copyOf(data.labels(), 16));
            float[][] g0 = snapshot(g.block());
            float[][] d0 = snapshot(gan.discriminator());
            gan.iterate(real, onehot);
            return new float[][] {moves(g0, snapshot(g.block())), moves(d0, snapshot(gan.discriminator()))};
        }
    }

    private static float[] moves(float[][] before, float[][] after) {
        float max = 0;
        float sum = 0;
        for (int i = 0; i < before.length; i++) {
            for (int j = 0; j < before[i].length; j++) {
                float move = Math.abs(after[i][j] - before[i][j]);
                max = Math.max(max, move);
                sum += move;
            }
        }
        return new float[] {max, sum};
    }

    @org.junit.jupiter.api.Test
    void throughputBenchmarkTimesTheGanIterationAndBothClassifierBaselinesEachFirstInAsManyRounds() {
        List<String> lines = new ArrayList<>();
        GanThroughput.Result r = GanThroughput.measure(new GanOptions("mlp", 1, 0.0002, 8, 16, 1, 0), 3, 2, lines::add);
        assertThat(r.millisPerBatch().keySet()).containsExactly(GanThroughput.STACKED, GanThroughput.DISCRIMINATOR, GanThroughput.GAN);
        assertThat(r.millisPerBatch().values()).allMatch(ms -> ms > 0 && Double.isFinite(ms));
        assertThat(r.imagesPerSecond(GanThroughput.GAN)).isEqualTo(8 * 1000.0 / r.millisPerBatch().get(GanThroughput.GAN));
        // three measured rounds of three steps; the order rotates, so each step opens one round (a fixed order made the
        // step that always ran last look slower)
        assertThat(lines).hasSize(9);
        List<String> firsts = List.of(lines.get(0), lines.get(3), lines.get(6));
        for (String step : List.of(GanThroughput.STACKED, GanThroughput.DISCRIMINATOR, GanThroughput.GAN)) {
            assertThat(firsts).filteredOn(line -> line.contains(step)).hasSize(1);
        }
    }

    /** Trainable weights only: batch-norm running statistics move in any forward pass in training mode. */
    private static float[][] snapshot(Block block) {
        return block.getParameters().stream().map(Pair::getValue).filter(Parameter::requiresGradient)
                .map(p -> p.getArray().toFloatArray()).toArray(float[][]::new);
    }

    private static boolean changed(float[][] a, float[][] b) {
        for (int i = 0; i < a.length; i++) {
            if (!java.util.Arrays.equals(a[i], b[i])) {
                return true;
            }
        }
        return false;
    }
}
