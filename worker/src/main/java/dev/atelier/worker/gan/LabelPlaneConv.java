package dev.atelier.worker.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import dev.atelier.worker.data.ImageSet;

/**
 * The dcgan discriminator's first layer: a 4×4 stride-2 convolution of the image stacked with ten constant
 * one-hot label planes, computed without convolving the label planes of every image.
 *
 * <p>A convolution is linear in its input channels, so conv(concat(image, planes(y))) = conv_image(image) +
 * conv_label(planes(y)), and the second term depends only on the class y. Class c's planes are zero except plane c,
 * which is all ones, so its map is the convolution of one all-ones 28×28 plane with the label weights of input channel
 * c ({@link ClassMaps}: all ten maps as one convolution of that plane to 10 × filters output channels), and every
 * image adds its class's map ({@code onehot × maps}).
 * The function and the parameters are those of the 11-channel convolution, split in two (image weights with the
 * bias, label weights without); both start with that convolution's default initialisation (Gaussian, σ = √(2 / fan-in),
 * fan-in = 11 · 4 · 4). For a batch of 128 it needs about a tenth of the 11-channel convolution's multiply-adds.
 *
 * <p>Input {@code NDList(image (B, 1, 28, 28), onehot (B, 10))}; output {@code (B, filters, 14, 14)}.
 */
final class LabelPlaneConv extends AbstractBlock {
    private static final int CLASSES = ImageSet.CLASSES;
    private static final int SIDE = ImageSet.SIDE;
    private static final int KERNEL = GanNetworks.DOWNSAMPLE_KERNEL;

    private final Block image;
    private final ClassMaps label;

    LabelPlaneConv(int filters) {
        NormalInitializer fusedInit = new NormalInitializer((float) Math.sqrt(2.0 / ((1 + CLASSES) * KERNEL * KERNEL)));
        image = addChildBlock("image", GanNetworks.downsample(filters, true));
        label = addChildBlock("label", new ClassMaps(filters, fusedInit));
        image.setInitializer(fusedInit, Parameter.Type.WEIGHT);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray images = inputs.get(0);
        NDArray onehot = inputs.get(1);
        NDArray out = image.forward(store, new NDList(images), training).singletonOrThrow();
        NDArray maps = label.forward(store, new NDList(images), training).singletonOrThrow();
        return new NDList(out.add(onehot.matMul(maps).reshape(out.getShape())));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return image.getOutputShapes(new Shape[] {inputShapes[0]});
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        image.initialize(manager, dataType, inputShapes[0]);
        label.initialize(manager, dataType, inputShapes[0]);
    }

    /** The equivalent 11-channel weights (image channel first, then the ten label channels), for tests. */
    NDArray fusedWeight() {
        NDArray w = label.weight.getArray();
        Shape s = w.getShape();
        NDArray perChannel = w.reshape(CLASSES, s.get(0) / CLASSES, s.get(2), s.get(3)).transpose(1, 0, 2, 3);
        return image.getParameters().get("weight").getArray().concat(perChannel, 1);
    }

    /** The bias of the equivalent 11-channel convolution, for tests. */
    NDArray bias() {
        return image.getParameters().get("bias").getArray();
    }

    /**
     * The ten classes' label maps, (10, filters · 14 · 14): the label weights of the 11-channel convolution, stored as
     * 10 · filters one-channel filters (filter c · filters + f is output channel f's kernel on label plane c), convolve
     * one all-ones plane. Each map sums the same kernel weights as convolving class c's ten planes, without the
     * products with zero planes. The weights are drawn in the 11-channel layout (filters, 10, k, k), then reordered, so
     * a seed gives the same initial discriminator as that convolution. Its input is only used for its device and manager.
     * The convolution is DJL's function, not a {@code BlockedConv2d}: oneDNN's padded-block error is in the input
     * gradient, and the all-ones plane needs none (only the weights' gradient is computed).
     */
    private static final class ClassMaps extends AbstractBlock {
        private final int filters;
        private final Parameter weight;

        ClassMaps(int filters, NormalInitializer init) {
            this.filters = filters;
            weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT)
                    .optShape(new Shape((long) CLASSES * filters, 1, KERNEL, KERNEL))
                    .optInitializer((manager, shape, dataType) -> {
                        try (NDArray drawn = init.initialize(manager, new Shape(filters, CLASSES, KERNEL, KERNEL), dataType)) {
                            return drawn.transpose(1, 0, 2, 3).reshape(shape);
                        }
                    }).build());
        }

        @Override
        protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
            NDArray like = inputs.head();
            NDArray w = store.getValue(weight, like.getDevice(), training);
            NDArray ones = like.getManager().ones(new Shape(1, 1, SIDE, SIDE), w.getDataType(), like.getDevice());
            NDArray maps = Conv2d.conv2d(ones, w, null, GanNetworks.DOWNSAMPLE_STRIDE, GanNetworks.DOWNSAMPLE_PADDING, new Shape(1, 1), 1).singletonOrThrow();
            return new NDList(maps.reshape(CLASSES, -1));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return new Shape[] {new Shape(CLASSES, (long) filters * (SIDE / 2) * (SIDE / 2))};
        }
    }
}
