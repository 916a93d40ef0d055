package dev.atelier.worker.gan;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
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
}
