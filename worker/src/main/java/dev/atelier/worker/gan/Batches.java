package dev.atelier.worker.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.atelier.worker.data.ImageSet;
import java.util.Random;

/** Mini-batch plumbing shared by the GAN and the reference classifier: shuffling, gathering, tensors, (un)freezing and zeroing gradients. */
final class Batches {
    private Batches() {
    }

    static int[] shuffled(int n, Random random) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }

    /** Copies images {@code order[from .. from+labels.length)} into the two buffers. */
    static void gather(ImageSet set, int[] order, int from, float[] pixels, int[] labels) {
        for (int i = 0; i < labels.length; i++) {
            int idx = order == null ? from + i : order[from + i];
            System.arraycopy(set.pixels(), idx * ImageSet.PIXELS, pixels, i * ImageSet.PIXELS, ImageSet.PIXELS);
            labels[i] = set.labels()[idx];
        }
    }

    /** (n, 1, 28, 28) scaled from [0, 1] to [-1, 1], the range the generator produces. */
    static NDArray images(NDManager manager, float[] pixels, int n) {
        return manager.create(pixels, new Shape(n, 1, ImageSet.SIDE, ImageSet.SIDE)).mul(2f).sub(1f);
    }

    static NDArray oneHot(NDManager manager, int[] labels) {
        return manager.create(labels).oneHot(ImageSet.CLASSES).toType(DataType.FLOAT32, false);
    }

    /**
     * Freezes ({@code false}) or unfreezes a block's trainable weights: while frozen, a backward pass through the
     * block computes gradients for its inputs only, not for its weights.
     */
    static void setTrainable(Block block, boolean trainable) {
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().requiresGradient()) {
                p.getValue().getArray().setRequiresGradient(trainable);
            }
        }
    }

    /** Clears accumulated gradients (PyTorch adds every backward pass to them). */
    static void zeroGradients(Block block) {
        for (Pair<String, Parameter> p : block.getParameters()) {
            NDArray weight = p.getValue().getArray();
            NDArray grad = p.getValue().requiresGradient() && weight.hasGradient() ? weight.getGradient() : null;
            if (grad != null) {
                grad.subi(grad);
                grad.close();
            }
        }
    }
}
