package dev.atelier.worker.gan;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.atelier.worker.data.ImageSet;
import dev.atelier.worker.training.NoGrad;
import org.junit.jupiter.api.Test;

class ConditionalBatchNormTest {
    private static final int CLASSES = ImageSet.CLASSES;
    private static final int CHANNELS = 3;

    @Test
    void normalisesEachChannelThenScalesAndShiftsEveryImageByItsOwnClassesPair() {
        try (NDManager m = NDManager.newBaseManager()) {
            m.getEngine().setRandomSeed(3);
            ConditionalBatchNorm cbn = new ConditionalBatchNorm(CHANNELS);
            cbn.initialize(m, DataType.FLOAT32, new Shape(2, CHANNELS, 4, 4), new Shape(2, CLASSES));
            int[] labels = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 3, 3};
            NDArray x = m.randomNormal(2f, 3f, new Shape(labels.length, CHANNELS, 4, 4), DataType.FLOAT32);
            NDArray onehot = m.create(labels).oneHot(CLASSES).toType(DataType.FLOAT32, false);

            // untrained: γ = β = 0, a plain batch norm: every channel has mean 0 and variance 1 over the batch
            NDArray plain = forward(cbn, m, x, onehot);
            NDArray perChannel = plain.transpose(1, 0, 2, 3).reshape(CHANNELS, -1);
            assertThat(perChannel.mean(new int[] {1}).abs().max().getFloat()).isLessThan(1e-4f);
            assertThat(perChannel.pow(2).mean(new int[] {1}).sub(1f).abs().max().getFloat()).isLessThan(1e-3f);

            // class 3's pair set: (1 + γ) · x̂ + β for the three class-3 images, the others untouched
            try (NoGrad ignored = NoGrad.open()) {
                parameter(cbn, "class_gamma").set(new NDIndex("3, :"), m.create(new float[] {1f, -0.5f, 0f}));
                parameter(cbn, "class_beta").set(new NDIndex("3, :"), m.create(new float[] {0f, 2f, -1f}));
            }
            NDArray conditioned = forward(cbn, m, x, onehot);
            float[] scale = {2f, 0.5f, 1f};
            float[] shift = {0f, 2f, -1f};
            for (int i = 0; i < labels.length; i++) {
                for (int c = 0; c < CHANNELS; c++) {
                    NDArray before = plain.get(i + ", " + c);
                    NDArray after = conditioned.get(i + ", " + c);
                    NDArray expected = labels[i] == 3 ? before.mul(scale[c]).add(shift[c]) : before;
                    assertThat(after.sub(expected).abs().max().getFloat()).as("image %d channel %d", i, c).isLessThan(1e-4f);
                }
            }
        }
    }

    private static NDArray forward(ConditionalBatchNorm cbn, NDManager m, NDArray x, NDArray onehot) {
        NDList out = cbn.forward(new ParameterStore(m, false), new NDList(x, onehot), true);
        assertThat(out.get(1)).isSameAs(onehot);
        return out.get(0);
    }

    private static NDArray parameter(ConditionalBatchNorm cbn, String name) {
        return cbn.getParameters().stream().filter(p -> p.getKey().endsWith(name)).findFirst().orElseThrow().getValue().getArray();
    }
}
