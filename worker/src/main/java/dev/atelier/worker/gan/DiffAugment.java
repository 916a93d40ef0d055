package dev.atelier.worker.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import dev.atelier.worker.data.ImageSet;
import java.util.Random;

/**
 * Differentiable augmentation of everything the discriminator sees, real and generated alike
 * (DiffAugment, Zhao et al. 2020: translation + cutout), so that a discriminator trained on a few hundred
 * images does not simply memorise them. {@code gan_diffaugment=true}. The batch is split into
 * {@link #GROUPS} groups; each group gets its own random shift of up to {@link #SHIFT} pixels (background
 * fills the border) and its own random {@link #CUTOUT}×{@link #CUTOUT} square set to 0 (mid-grey). Only
 * padding, slicing and a multiply: gradients flow through to the generator.
 */
final class DiffAugment {
    static final int SHIFT = 3;
    static final int CUTOUT = 14;
    static final int GROUPS = 4;
    private static final int SIDE = ImageSet.SIDE;

    private final Random random;

    DiffAugment(long seed) {
        random = new Random(seed);
    }

    /** @param images (B, 1, 28, 28) in [-1, 1] */
    NDArray apply(NDArray images) {
        long batch = images.getShape().get(0);
        NDArray padded = images.pad(new Shape(SHIFT, SHIFT, SHIFT, SHIFT), -1.0);
        long per = (batch + GROUPS - 1) / GROUPS;
        NDList parts = new NDList();
        for (long from = 0; from < batch; from += per) {
            long to = Math.min(batch, from + per);
            int dy = random.nextInt(2 * SHIFT + 1);
            int dx = random.nextInt(2 * SHIFT + 1);
            NDArray shifted = padded.get(from + ":" + to + ", :, " + dy + ":" + (dy + SIDE) + ", " + dx + ":" + (dx + SIDE));
            parts.add(shifted.mul(cutoutMask(images)));
        }
        return parts.size() == 1 ? parts.singletonOrThrow() : NDArrays.concat(parts, 0);
    }

    /** (1, 1, 28, 28): 1 everywhere except a random CUTOUT×CUTOUT square (clipped at the border), which is 0. */
    private NDArray cutoutMask(NDArray like) {
        float[] mask = new float[SIDE * SIDE];
        java.util.Arrays.fill(mask, 1f);
        int cy = random.nextInt(SIDE);
        int cx = random.nextInt(SIDE);
        for (int y = Math.max(0, cy - CUTOUT / 2); y < Math.min(SIDE, cy + CUTOUT / 2); y++) {
            for (int x = Math.max(0, cx - CUTOUT / 2); x < Math.min(SIDE, cx + CUTOUT / 2); x++) {
                mask[y * SIDE + x] = 0f;
            }
        }
        return like.getManager().create(mask, new Shape(1, 1, SIDE, SIDE));
    }
}
