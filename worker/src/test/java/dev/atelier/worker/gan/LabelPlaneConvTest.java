package dev.atelier.worker.gan;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import dev.atelier.worker.data.ImageSet;
import dev.atelier.worker.training.NoGrad;
import org.junit.jupiter.api.Test;

class LabelPlaneConvTest {

    @Test
    void equalsTheConvolutionOfTheImageStackedWithTenLabelPlanes() {
        try (NDManager m = NDManager.newBaseManager()) {
            m.getEngine().setRandomSeed(3);
            LabelPlaneConv layer = new LabelPlaneConv(8);
            layer.initialize(m, DataType.FLOAT32, new Shape(2, 1, 28, 28), new Shape(2, ImageSet.CLASSES));
            try (NoGrad ignored = NoGrad.open()) { // the bias starts at zero: give every weight a non-trivial value
                layer.getParameters().forEach(p -> p.getValue().getArray().addi(m.randomNormal(p.getValue().getArray().getShape()).mul(0.1f)));
            }
            int batch = 12;
            NDArray images = m.randomUniform(-1f, 1f, new Shape(batch, 1, 28, 28));
            int[] labels = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 3, 3};
            NDArray onehot = m.create(labels).oneHot(ImageSet.CLASSES).toType(DataType.FLOAT32, false);

            NDArray out = layer.forward(new ParameterStore(m, false), new NDList(images, onehot), false).singletonOrThrow();

            NDArray planes = onehot.reshape(batch, ImageSet.CLASSES, 1, 1).repeat(2, 28).repeat(3, 28);
            NDArray expected = Conv2d.conv2d(images.concat(planes, 1), layer.fusedWeight(), layer.bias(), new Shape(2, 2),
                    new Shape(1, 1), new Shape(1, 1), 1).singletonOrThrow();
            assertThat(out.getShape()).isEqualTo(new Shape(batch, 8, 14, 14));
            assertThat(layer.fusedWeight().getShape()).isEqualTo(new Shape(8, 1 + ImageSet.CLASSES, 4, 4));
            assertThat(out.sub(expected).abs().max().getFloat()).isLessThan(1e-4f);
            // the label really conditions the output: the same image with another label gives another map
            NDArray other = m.create(new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 4, 4}).oneHot(ImageSet.CLASSES).toType(DataType.FLOAT32, false);
            NDArray relabelled = layer.forward(new ParameterStore(m, false), new NDList(images, other), false).singletonOrThrow();
            assertThat(relabelled.sub(out).abs().max().getFloat()).isGreaterThan(1e-2f);
        }
    }

    /**
     * The label weights are stored per class, but drawn in the 11-channel layout right after the image weights: a seed
     * gives the discriminator it gave the 11-channel convolution, so generators keep their cache keys and reproduce.
     */
    @Test
    void aSeedDrawsTheInitialWeightsOfTheElevenChannelConvolution() {
        try (NDManager m = NDManager.newBaseManager()) {
            m.getEngine().setRandomSeed(21);
            LabelPlaneConv layer = new LabelPlaneConv(8);
            layer.initialize(m, DataType.FLOAT32, new Shape(2, 1, 28, 28), new Shape(2, ImageSet.CLASSES));

            m.getEngine().setRandomSeed(21);
            NormalInitializer init = new NormalInitializer((float) Math.sqrt(2.0 / (11 * 4 * 4)));
            NDArray image = init.initialize(m, new Shape(8, 1, 4, 4), DataType.FLOAT32);
            NDArray label = init.initialize(m, new Shape(8, ImageSet.CLASSES, 4, 4), DataType.FLOAT32);

            assertThat(layer.fusedWeight().toFloatArray()).containsExactly(image.concat(label, 1).toFloatArray());
        }
    }
}
