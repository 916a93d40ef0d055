package dev.atelier.worker.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.atelier.worker.data.ImageSet;

/**
 * An image set copied once onto the training device: normalised pixels shaped for the model, int64 labels and, when
 * the set has them, float32 target probabilities (N, 10). Batches are slices of these arrays, so there is no
 * per-batch host-to-device copy.
 */
record TensorSet(NDArray x, NDArray y, NDArray targets, int size) implements AutoCloseable {
    /** Fashion-MNIST training-set pixel mean and standard deviation (pixels scaled to [0, 1]). */
    static final float MEAN = 0.2860f;
    static final float STD = 0.3530f;
    /** What a black (0) pixel becomes after normalisation: the fill value for padding and erasing. */
    static final float BACKGROUND = -MEAN / STD;

    static TensorSet of(NDManager manager, ImageSet images, Shape sampleShape) {
        float[] normalised = new float[images.pixels().length];
        float[] pixels = images.pixels();
        for (int i = 0; i < pixels.length; i++) {
            normalised[i] = (pixels[i] - MEAN) / STD;
        }
        long[] dims = new long[sampleShape.dimension()];
        dims[0] = images.size();
        for (int d = 1; d < dims.length; d++) {
            dims[d] = sampleShape.get(d);
        }
        NDArray x = manager.create(normalised, new Shape(dims));
        long[] labels = new long[images.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = images.labels()[i];
        }
        NDArray y = manager.create(labels).toType(DataType.INT64, false);
        NDArray targets = images.targets() == null ? null
                : manager.create(images.targets(), new Shape(images.size(), ImageSet.CLASSES));
        return new TensorSet(x, y, targets, images.size());
    }

    @Override
    public void close() {
        x.close();
        y.close();
        if (targets != null) {
            targets.close();
        }
    }
}
