package dev.atelier.worker.gan;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import dev.atelier.worker.data.ImageSet;
import dev.atelier.worker.training.NoGrad;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;

/** A class-conditional generator: noise + class → 28×28 image. Owns its native memory; close it. */
public final class Generator implements AutoCloseable {
    private static final int MAGIC = 0x4347414e; // "CGAN"
    private static final int SAMPLE_BATCH = 500;

    private final String arch;
    private final int latentDim;
    private final NDManager manager;
    private final Block block;
    private final ParameterStore store;

    Generator(String arch, int latentDim) {
        this.arch = arch;
        this.latentDim = latentDim;
        this.manager = NDManager.newBaseManager();
        this.block = GanNetworks.generator(arch);
        block.initialize(manager, DataType.FLOAT32, new Shape(2, latentDim), new Shape(2, ImageSet.CLASSES));
        this.store = new ParameterStore(manager, false);
    }

    public String arch() {
        return arch;
    }

    public int latentDim() {
        return latentDim;
    }

    Block block() {
        return block;
    }

    NDManager manager() {
        return manager;
    }

    /** Forward pass; {@code z} and {@code onehot} must share a manager, which also receives the result. */
    NDArray forward(NDArray z, NDArray onehot, boolean training) {
        return block.forward(store, new NDList(z, onehot), training).singletonOrThrow();
    }

    /**
     * Generates {@code perClass} images of each class (class 0 first), pixels in [0, 1], labelled by the
     * conditioning class. Deterministic for a given seed.
     */
    public ImageSet sample(int perClass, long seed) {
        int n = perClass * ImageSet.CLASSES;
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i / perClass;
        }
        return sample(labels, seed);
    }

    /** One image per entry of {@code labels}, in that order. */
    public ImageSet sample(int[] labels, long seed) {
        return sample(labels, null, new Random(seed));
    }

    /**
     * One image per entry of {@code labels}, conditioned on the rows of {@code conditions} ({@code labels.length × 10},
     * row-major, e.g. mixtures of two classes) or, when it is null, on the one-hot labels; the noise comes from {@code random}.
     */
    ImageSet sample(int[] labels, float[] conditions, Random random) {
        float[] pixels = new float[labels.length * ImageSet.PIXELS];
        for (int start = 0; start < labels.length; start += SAMPLE_BATCH) {
            int count = Math.min(SAMPLE_BATCH, labels.length - start);
            float[] noise = new float[count * latentDim];
            for (int i = 0; i < noise.length; i++) {
                noise[i] = (float) random.nextGaussian();
            }
            try (NDManager batch = manager.newSubManager()) {
                NDArray z = batch.create(noise, new Shape(count, latentDim));
                NDArray condition = conditions == null
                        ? Batches.oneHot(batch, java.util.Arrays.copyOfRange(labels, start, start + count))
                        : batch.create(java.util.Arrays.copyOfRange(conditions, start * ImageSet.CLASSES, (start + count) * ImageSet.CLASSES),
                                new Shape(count, ImageSet.CLASSES));
                NDArray images = forward(z, condition, false).add(1f).div(2f).clip(0f, 1f);
                System.arraycopy(images.toFloatArray(), 0, pixels, start * ImageSet.PIXELS, count * ImageSet.PIXELS);
            }
        }
        return new ImageSet(pixels, labels);
    }

    /**
     * Re-estimates the batch-norm running statistics for the current weights: forward passes in training mode (which
     * update them, momentum 0.9) over random noise and balanced labels, without gradients. 50 batches of 500 leave
     * less than 1% of the old statistics.
     */
    void recalibrateBatchNorm(long seed) {
        Random random = new Random(seed);
        int[] labels = new int[SAMPLE_BATCH];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % ImageSet.CLASSES;
        }
        try (NoGrad ignored = NoGrad.open()) {
            for (int b = 0; b < 50; b++) {
                float[] noise = new float[SAMPLE_BATCH * latentDim];
                for (int i = 0; i < noise.length; i++) {
                    noise[i] = (float) random.nextGaussian();
                }
                try (NDManager batch = manager.newSubManager()) {
                    forward(batch.create(noise, new Shape(SAMPLE_BATCH, latentDim)), Batches.oneHot(batch, labels), true);
                }
            }
        }
    }

    /** Architecture, latent size and weights, for a cache or an artifact store. */
    public byte[] toBytes() {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream(); DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeUTF(arch);
            out.writeInt(latentDim);
            block.saveParameters(out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Generator fromBytes(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            if (in.readInt() != MAGIC) {
                throw new IllegalArgumentException("not an Atelier generator (bad magic number)");
            }
            Generator g = new Generator(in.readUTF(), in.readInt());
            g.block.loadParameters(g.manager, in);
            return g;
        } catch (IOException | MalformedModelException e) {
            throw new IllegalArgumentException("corrupt generator artifact: " + e.getMessage(), e);
        }
    }

    /** Sum of absolute weights: a cheap fingerprint for tests ("did these parameters change?"). */
    double weightChecksum() {
        double sum = 0;
        for (Pair<String, Parameter> p : block.getParameters()) {
            sum += p.getValue().getArray().abs().sum().getFloat();
        }
        return sum;
    }

    @Override
    public void close() {
        manager.close();
    }
}
