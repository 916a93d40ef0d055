package dev.atelier.worker.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BlockedConv2dTest {

    private static Conv2d.Builder conv(int filters) {
        return Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(filters);
    }

    /**
     * The shape that broke the dcgan generator: 32 → 4 channels on 14×14, batch 128. Unprotected, about one pass in 40
     * to 100 gave NaN or infinite input gradients on the project's 2-core AVX-512 VMs (so 300 clean passes would be
     * unlikely); with the fix there is none.
     */
    @Test
    void inputGradientsOfAFourFilterConvolutionStayFinite() {
        try (NDManager m = NDManager.newBaseManager()) {
            Block layer = BlockedConv2d.of(conv(4));
            layer.initialize(m, DataType.FLOAT32, new Shape(128, 32, 14, 14));
            ParameterStore store = new ParameterStore(m, false);
            int nonFinitePasses = 0;
            for (int pass = 0; pass < 300; pass++) {
                try (NDManager batch = m.newSubManager()) {
                    NDArray x = batch.randomNormal(new Shape(128, 32, 14, 14));
                    x.setRequiresGradient(true);
                    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                        NDArray y = layer.forward(store, new NDList(x), true).singletonOrThrow();
                        collector.backward(y.mul(batch.randomNormal(y.getShape())).sum());
                    }
                    NDArray grad = x.getGradient();
                    if (grad.isNaN().logicalOr(grad.isInfinite()).any().getBoolean()) {
                        nonFinitePasses++;
                    }
                }
            }
            assertThat(nonFinitePasses).as("passes with NaN/inf input gradients").isZero();
        }
    }

    /** Same parameters, saved form and function as the plain convolution; the gradients are those of the 4 filters. */
    @Test
    void computesThePlainConvolutionWithItsParameters() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            m.getEngine().setRandomSeed(5);
            Shape in = new Shape(2, 32, 6, 6);
            Block blocked = BlockedConv2d.of(conv(4));
            blocked.initialize(m, DataType.FLOAT32, in);
            try (NoGrad ignored = NoGrad.open()) { // the bias starts at zero: give it a value the test can see
                blocked.getParameters().get("bias").getArray().addi(m.randomNormal(new Shape(4)));
            }
            Block plain = conv(4).build();
            plain.initialize(m, DataType.FLOAT32, in);
            ByteArrayOutputStream saved = new ByteArrayOutputStream();
            blocked.saveParameters(new DataOutputStream(saved));
            plain.loadParameters(m, new DataInputStream(new ByteArrayInputStream(saved.toByteArray())));

            NDArray x = m.randomNormal(in);
            NDArray upstream = m.randomNormal(new Shape(2, 4, 6, 6));
            ParameterStore store = new ParameterStore(m, false);
            NDArray out;
            x.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                out = blocked.forward(store, new NDList(x), true).singletonOrThrow();
                collector.backward(out.mul(upstream).sum());
            }
            NDArray expected = plain.forward(store, new NDList(x.stopGradient()), false).singletonOrThrow();
            assertThat(out.getShape()).isEqualTo(new Shape(2, 4, 6, 6));
            assertThat(out.sub(expected).abs().max().getFloat()).isLessThan(1e-4f);
            assertThat(blocked.getParameters().get("weight").getArray().getGradient().getShape()).isEqualTo(new Shape(4, 32, 3, 3));

            // the loss is linear in x: moving one input element by 1 changes it by exactly that element's gradient
            NDArray grad = x.getGradient();
            int[][] probes = {{0, 0, 0, 0}, {0, 17, 3, 2}, {1, 31, 5, 5}, {1, 8, 2, 4}};
            for (int[] p : probes) {
                NDArray moved = x.stopGradient().duplicate();
                moved.set(new NDIndex(p[0] + "," + p[1] + "," + p[2] + "," + p[3]), moved.get(p[0], p[1], p[2], p[3]).add(1f));
                float delta = plain.forward(store, new NDList(moved), false).singletonOrThrow().mul(upstream).sum().getFloat()
                        - expected.mul(upstream).sum().getFloat();
                assertThat(grad.get(p[0], p[1], p[2], p[3]).getFloat()).as("d loss / d x%s", Arrays.toString(p))
                        .isCloseTo(delta, offset(2e-3f));
            }
        }
    }

    @Test
    void padsOnlyFilterCountsThatAreNotAMultipleOfSixteen() {
        assertThat(BlockedConv2d.paddingFilters(4)).isEqualTo(12);
        assertThat(BlockedConv2d.paddingFilters(10)).isEqualTo(6);
        assertThat(BlockedConv2d.paddingFilters(16)).isZero();
        assertThat(BlockedConv2d.paddingFilters(64)).isZero();
    }
}
