package dev.atelier.worker.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import dev.atelier.worker.data.ImageSet;

/**
 * The dcgan discriminator's first layer: a 4×4 stride-2 convolution of the image stacked with ten constant
 * one-hot label planes, computed without convolving the label planes of every image.
 *
 * <p>A convolution is linear in its input channels, so conv(concat(image, planes(y))) = conv_image(image) +
 * conv_label(planes(y)), and the second term depends only on the class y. Each forward pass convolves the ten
 * classes' planes once (a batch of 10, not of B) and every image adds its class's map ({@code onehot × maps}).
 * The function and the parameters are those of the 11-channel convolution, split in two (image weights with the
 * bias, label weights without); both start with that convolution's default initialisation (Gaussian, σ = √(2 / fan-in),
 * fan-in = 11 · 4 · 4). For a batch of 128 it needs about a fifth of the 11-channel convolution's multiply-adds
 * (the image part 1/11 of them, the ten label maps and the one-hot product about 1/8).
 *
 * <p>Input {@code NDList(image (B, 1, 28, 28), onehot (B, 10))}; output {@code (B, filters, 14, 14)}.
 */
final class LabelPlaneConv extends AbstractBlock {
    private static final int CLASSES = ImageSet.CLASSES;
    private static final int SIDE = ImageSet.SIDE;

    private final Block image;
    private final Block label;

    LabelPlaneConv(int filters) {
        image = addChildBlock("image", GanNetworks.downsample(filters, true));
        label = addChildBlock("label", GanNetworks.downsample(filters, false));
        int kernel = GanNetworks.DOWNSAMPLE_KERNEL;
        NormalInitializer fusedInit = new NormalInitializer((float) Math.sqrt(2.0 / ((1 + CLASSES) * kernel * kernel)));
        image.setInitializer(fusedInit, Parameter.Type.WEIGHT);
        label.setInitializer(fusedInit, Parameter.Type.WEIGHT);
    }

    /** The ten classes' label planes, (10, 10, 28, 28): plane c of class c is all ones, the others zero. */
    private static NDArray classPlanes(NDManager manager) {
        return manager.eye(CLASSES).reshape(CLASSES, CLASSES, 1, 1).repeat(2, SIDE).repeat(3, SIDE);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray images = inputs.get(0);
        NDArray onehot = inputs.get(1);
        NDArray out = image.forward(store, new NDList(images), training).singletonOrThrow();
        NDArray maps = label.forward(store, new NDList(classPlanes(images.getManager())), training).singletonOrThrow();
        return new NDList(out.add(onehot.matMul(maps.reshape(CLASSES, -1)).reshape(out.getShape())));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return image.getOutputShapes(new Shape[] {inputShapes[0]});
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        image.initialize(manager, dataType, inputShapes[0]);
        label.initialize(manager, dataType, new Shape(CLASSES, CLASSES, SIDE, SIDE));
    }

    /** The equivalent 11-channel weights (image channel first, then the ten label channels), for tests. */
    NDArray fusedWeight() {
        return image.getParameters().get("weight").getArray().concat(label.getParameters().get("weight").getArray(), 1);
    }

    /** The bias of the equivalent 11-channel convolution, for tests. */
    NDArray bias() {
        return image.getParameters().get("bias").getArray();
    }
}
