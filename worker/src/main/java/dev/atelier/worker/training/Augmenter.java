package dev.atelier.worker.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.atelier.schemas.config.RunConfig;
import dev.atelier.worker.data.ImageSet;
import java.util.Random;

/**
 * Training-time augmentation of a whole batch with tensor operations (no per-image Java loop over pixels):
 * random horizontal flips, random crops after zero padding (one offset per group of images) and random erasing.
 * Randomness comes from a seeded {@link Random}, so runs stay reproducible.
 */
final class Augmenter {
    private static final int CROP_GROUPS = 8;
    private final boolean flip;
    private final int pad;
    private final double erase;
    private final float background;

    Augmenter(RunConfig config, float background) {
        this.flip = config.getBool("augment_flip");
        this.pad = config.getInt("augment_crop");
        this.erase = config.getDouble("augment_erase");
        this.background = background;
    }

    boolean enabled() {
        return flip || pad > 0 || erase > 0;
    }

    /** @param x a batch shaped (B, 1, 28, 28) or (B, 784); the result has the same shape */
    NDArray apply(NDArray x, Random random) {
        Shape original = x.getShape();
        int b = (int) original.get(0);
        NDManager manager = x.getManager();
        NDArray img = x.reshape(b, 1, ImageSet.SIDE, ImageSet.SIDE);
        if (flip) {
            NDArray mask = manager.create(randomMask(random, b, 0.5), new Shape(b, 1, 1, 1));
            img = img.add(img.flip(3).sub(img).mul(mask));
        }
        if (pad > 0) {
            img = crop(img, random, b);
        }
        if (erase > 0) {
            img = erase(img, random, b, manager);
        }
        return img.reshape(original);
    }

    private NDArray crop(NDArray img, Random random, int b) {
        NDArray padded = img.pad(new Shape(pad, pad, pad, pad), background);
        NDList parts = new NDList();
        int per = (b + CROP_GROUPS - 1) / CROP_GROUPS;
        for (int start = 0; start < b; start += per) {
            int dy = random.nextInt(2 * pad + 1);
            int dx = random.nextInt(2 * pad + 1);
            parts.add(padded.get(new NDIndex().addSliceDim(start, Math.min(b, start + per)).addAllDim()
                    .addSliceDim(dy, dy + ImageSet.SIDE).addSliceDim(dx, dx + ImageSet.SIDE)));
        }
        return parts.size() == 1 ? parts.head() : ai.djl.ndarray.NDArrays.concat(parts, 0);
    }

    /** Per image, with probability {@code erase}, a random rectangle (2%–25% of the image) set to the background. */
    private NDArray erase(NDArray img, Random random, int b, NDManager manager) {
        float[] y0 = new float[b];
        float[] y1 = new float[b];
        float[] x0 = new float[b];
        float[] x1 = new float[b];
        for (int i = 0; i < b; i++) {
            if (random.nextDouble() >= erase) {
                continue;
            }
            double area = (0.02 + random.nextDouble() * 0.23) * ImageSet.PIXELS;
            double aspect = Math.exp((random.nextDouble() - 0.5) * 2 * Math.log(3));
            int h = (int) Math.min(ImageSet.SIDE, Math.max(1, Math.round(Math.sqrt(area * aspect))));
            int w = (int) Math.min(ImageSet.SIDE, Math.max(1, Math.round(Math.sqrt(area / aspect))));
            y0[i] = random.nextInt(ImageSet.SIDE - h + 1);
            x0[i] = random.nextInt(ImageSet.SIDE - w + 1);
            y1[i] = y0[i] + h;
            x1[i] = x0[i] + w;
        }
        Shape perImage = new Shape(b, 1, 1, 1);
        NDArray rows = manager.arange(0f, ImageSet.SIDE).reshape(1, 1, ImageSet.SIDE, 1);
        NDArray cols = rows.reshape(1, 1, 1, ImageSet.SIDE);
        NDArray inRows = rows.gte(manager.create(y0, perImage)).logicalAnd(rows.lt(manager.create(y1, perImage)));
        NDArray inCols = cols.gte(manager.create(x0, perImage)).logicalAnd(cols.lt(manager.create(x1, perImage)));
        NDArray mask = inRows.logicalAnd(inCols).toType(DataType.FLOAT32, false);
        return img.sub(img.sub(background).mul(mask));
    }

    private static float[] randomMask(Random random, int n, double p) {
        float[] mask = new float[n];
        for (int i = 0; i < n; i++) {
            mask[i] = random.nextDouble() < p ? 1f : 0f;
        }
        return mask;
    }
}
