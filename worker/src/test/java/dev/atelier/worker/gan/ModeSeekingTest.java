package dev.atelier.worker.gan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.atelier.worker.data.ImageSet;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ModeSeekingTest {

    private static NDArray onehot(NDManager m, int... labels) {
        return m.create(labels).oneHot(ImageSet.CLASSES).toType(DataType.FLOAT32, false);
    }

    @Test
    void isTheNoiseDistanceOverTheImageDistanceOfSameClassPairsAndZeroWithoutSuchPairs() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray images = m.create(new float[] {0, 0, 3, 4, 10, 10, -7, 2}, new Shape(4, 2));
            NDArray noise = m.create(new float[] {1, 1, 1, 2, 5, 5, 9, 9}, new Shape(4, 2));
            // only samples 0 and 1 share a class: image distance 5, noise distance 1
            assertThat(ModeSeeking.loss(images, noise, onehot(m, 3, 3, 1, 2)).getFloat()).isCloseTo(0.2f, within(1e-4f));
            // samples 0, 1 and 3 share a class: pairs (0,1), (0,3), (1,3)
            double image = 5 + Math.hypot(7, 2) + Math.hypot(10, 2);
            double noiseSum = 1 + Math.hypot(8, 8) + Math.hypot(8, 7);
            assertThat(ModeSeeking.loss(images, noise, onehot(m, 3, 3, 1, 3)).getFloat()).isCloseTo((float) (noiseSum / image), within(1e-4f));
            assertThat(ModeSeeking.loss(images, noise, onehot(m, 0, 1, 2, 3)).getFloat()).isZero();
        }
    }

    @Test
    void itsGradientPushesImagesOfOneClassApartAndLeavesOtherClassesAlone() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] start = {0, 0, 1, 0, 0, 3, 0, 3.5f};
            NDArray images = m.create(start, new Shape(4, 2));
            images.setRequiresGradient(true);
            NDArray noise = m.randomNormal(new Shape(4, 5));
            NDArray classes = onehot(m, 0, 0, 1, 2);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                collector.backward(ModeSeeking.loss(images, noise, classes));
            }
            float[] grad = images.getGradient().toFloatArray();
            for (float g : grad) {
                assertThat(g).isFinite();
            }
            float[] moved = start.clone();
            for (int i = 0; i < moved.length; i++) {
                moved[i] -= 0.1f * grad[i];
            }
            // a gradient step on the term moves the two class-0 images apart ...
            assertThat(Math.hypot(moved[2] - moved[0], moved[3] - moved[1])).isGreaterThan(1.0);
            // ... and does not touch images 2 and 3, which are alone in their classes, however close they are
            assertThat(Arrays.copyOfRange(grad, 4, 8)).containsOnly(0f);
        }
    }
}
