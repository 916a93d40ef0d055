package dev.atelier.worker.gan;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.LambdaBlock;
import ai.djl.training.ParameterStore;
import dev.atelier.worker.data.ImageSet;
import dev.atelier.worker.training.NoGrad;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class ProjectionDiscriminatorTest {
    private static final int CLASSES = ImageSet.CLASSES;

    @Test
    void realFakeLogitIsLinearScorePlusTheConditioningClassProjectionAndClassLogitsAreUnchanged() {
        try (NDManager m = NDManager.newBaseManager()) {
            m.getEngine().setRandomSeed(5);
            // features = the flattened image, so φ is known exactly
            ProjectionDiscriminator d = new ProjectionDiscriminator(
                    new LambdaBlock(in -> new NDList(in.get(0).reshape(in.get(0).getShape().get(0), -1)), "flatten"));
            d.initialize(m, DataType.FLOAT32, new Shape(2, 1, 28, 28), new Shape(2, CLASSES));
            try (NoGrad ignored = NoGrad.open()) { // the bias starts at zero: give it a value
                d.getParameters().forEach(p -> p.getValue().getArray().addi(m.randomNormal(p.getValue().getArray().getShape()).mul(0.05f)));
            }
            int batch = 10;
            NDArray images = m.randomUniform(-1f, 1f, new Shape(batch, 1, 28, 28));
            int[] labels = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
            NDArray onehot = m.create(labels).oneHot(CLASSES).toType(DataType.FLOAT32, false);

            NDArray out = d.forward(new ParameterStore(m, false), new NDList(images, onehot), false).singletonOrThrow();

            NDArray weight = parameter(d, "head_weight"); // (21, 784)
            NDArray bias = parameter(d, "head_bias");
            NDArray all = images.reshape(batch, -1).matMul(weight.transpose()).add(bias); // (B, 21)
            assertThat(out.getShape()).isEqualTo(new Shape(batch, 1 + CLASSES));
            for (int i = 0; i < batch; i++) {
                float expected = all.getFloat(i, 0) + all.getFloat(i, 1 + CLASSES + labels[i]);
                assertThat(out.getFloat(i, 0)).isCloseTo(expected, Offset.offset(1e-3f));
            }
            assertThat(out.get(":, 1:").sub(all.get(":, 1:" + (1 + CLASSES))).abs().max().getFloat()).isLessThan(1e-4f);
            // the same images under other labels: another real/fake score, the same class logits
            NDArray other = m.create(new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 0}).oneHot(CLASSES).toType(DataType.FLOAT32, false);
            NDArray relabelled = d.forward(new ParameterStore(m, false), new NDList(images, other), false).singletonOrThrow();
            assertThat(relabelled.get(":, 0").sub(out.get(":, 0")).abs().min().getFloat()).isGreaterThan(0f);
            assertThat(relabelled.get(":, 1:").sub(out.get(":, 1:")).abs().max().getFloat()).isLessThan(1e-6f);
        }
    }

    /** Child parameters are named with the child's position first ("02head_weight"). */
    private static NDArray parameter(ProjectionDiscriminator d, String suffix) {
        return d.getParameters().stream().filter(p -> p.getKey().endsWith(suffix)).findFirst().orElseThrow().getValue().getArray();
    }
}
