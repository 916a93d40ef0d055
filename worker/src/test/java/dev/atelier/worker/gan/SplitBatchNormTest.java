package dev.atelier.worker.gan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.atelier.worker.data.ImageSet;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class SplitBatchNormTest {

    @Test
    void twoPartsAreNormalisedAsIfEachWentThroughAlone() {
        try (NDManager m = NDManager.newBaseManager()) {
            SplitBatchNorm norm = new SplitBatchNorm();
            norm.initialize(m, DataType.FLOAT32, new Shape(8, 3, 4, 4));
            ParameterStore store = new ParameterStore(m, false);
            // two halves with very different statistics, as real and generated images have early in training
            NDArray a = m.randomNormal(new Shape(4, 3, 4, 4));
            NDArray b = m.randomNormal(2f, 5f, new Shape(4, 3, 4, 4), DataType.FLOAT32);
            NDArray separate = norm.forward(store, new NDList(a), true).singletonOrThrow()
                    .concat(norm.forward(store, new NDList(b), true).singletonOrThrow());

            norm.setParts(2);
            NDArray split = norm.forward(store, new NDList(a.concat(b)), true).singletonOrThrow();
            assertThat(split.sub(separate).abs().max().getFloat()).isLessThan(1e-5f);

            norm.setParts(1);
            NDArray joint = norm.forward(store, new NDList(a.concat(b)), true).singletonOrThrow();
            assertThat(joint.sub(separate).abs().max().getFloat()).as("one batch norm over both halves mixes them").isGreaterThan(0.1f);
        }
    }

    @Test
    void aBatchThatDoesNotSplitEvenlyIsRefusedWithItsSize() {
        try (NDManager m = NDManager.newBaseManager()) {
            SplitBatchNorm norm = new SplitBatchNorm();
            norm.initialize(m, DataType.FLOAT32, new Shape(6, 2));
            norm.setParts(4);
            assertThatThrownBy(() -> norm.forward(new ParameterStore(m, false), new NDList(m.ones(new Shape(6, 2))), true))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batch of 6").hasMessageContaining("4 equal parts");
            assertThatThrownBy(() -> norm.setParts(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
        }
    }

    /**
     * The dcgan discriminator's update sends real and generated images through as one batch: its outputs and the
     * gradients it gives its weights must be those of two separate passes.
     */
    @Test
    void dcganDiscriminatorOnRealAndFakeTogetherEqualsTwoSeparatePasses() {
        try (NDManager m = NDManager.newBaseManager()) {
            m.getEngine().setRandomSeed(3);
            Block d = GanNetworks.discriminator("dcgan");
            d.initialize(m, DataType.FLOAT32, new Shape(2, 1, 28, 28), new Shape(2, ImageSet.CLASSES));
            Batches.setTrainable(d, true);
            ParameterStore store = new ParameterStore(m, false);
            NDArray real = m.randomUniform(-1f, 1f, new Shape(6, 1, 28, 28));
            NDArray fake = m.randomUniform(-0.2f, 0.2f, new Shape(6, 1, 28, 28));
            NDArray onehot = m.create(new int[] {0, 3, 5, 7, 9, 1}).oneHot(ImageSet.CLASSES).toType(DataType.FLOAT32, false);

            NDArray separate;
            try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
                separate = d.forward(store, new NDList(real, onehot), true).singletonOrThrow()
                        .concat(d.forward(store, new NDList(fake, onehot), true).singletonOrThrow());
                Batches.zeroGradients(d);
                c.backward(separate.square().sum());
            }
            float[][] separateGrads = gradients(d);

            NDArray together;
            SplitBatchNorm.in(d).forEach(n -> n.setParts(2));
            try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
                together = d.forward(store, new NDList(real.concat(fake), onehot.concat(onehot)), true).singletonOrThrow();
                Batches.zeroGradients(d);
                c.backward(together.square().sum());
            }
            assertThat(SplitBatchNorm.in(d)).hasSize(1);
            assertThat(together.sub(separate).abs().max().getFloat()).isLessThan(1e-4f);
            float[][] togetherGrads = gradients(d);
            for (int i = 0; i < separateGrads.length; i++) {
                for (int j = 0; j < separateGrads[i].length; j++) {
                    assertThat(togetherGrads[i][j]).isCloseTo(separateGrads[i][j],
                            Offset.offset(1e-3f + 1e-3f * Math.abs(separateGrads[i][j])));
                }
            }
        }
    }

    private static float[][] gradients(Block block) {
        return block.getParameters().stream().filter(p -> p.getValue().requiresGradient())
                .map(p -> p.getValue().getArray().getGradient().toFloatArray()).toArray(float[][]::new);
    }
}
