package dev.atelier.worker.gan;

import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.GradientCollector;
import dev.atelier.worker.training.ExclusiveGradientCollector;
import dev.atelier.worker.training.ParamOptimizer;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import dev.atelier.worker.data.ImageSet;
import dev.atelier.worker.training.BlockedConv2d;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import java.util.function.Consumer;

/**
 * The fixed CNN that scores generators (GAN-test, GAN-train, FID). Independent of the run options, so
 * scores are comparable across generators: conv3×3(32)-BN-ReLU-pool, conv3×3(64)-BN-ReLU-pool,
 * dense(128)-ReLU ({@link #FEATURE_LAYER}, the FID features), dense(10).
 */
public final class ReferenceClassifier implements AutoCloseable {
    public static final String FEATURE_LAYER = "fc128: ReLU output of the 128-unit dense layer before the 10-way output of the reference CNN";
    public static final int FEATURES = 128;
    private static final int MAGIC = 0x52454643; // "REFC"
    private static final int BATCH = 128;
    private static final int EVAL_BATCH = 1000;

    private final NDManager manager;
    private final SequentialBlock features;
    private final SequentialBlock head;
    private final SequentialBlock network;
    private final ParameterStore store;

    private ReferenceClassifier() {
        manager = NDManager.newBaseManager();
        features = new SequentialBlock()
                .add(conv(32)).add(BatchNorm.builder().build()).add(Activation.reluBlock()).add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(conv(64)).add(BatchNorm.builder().build()).add(Activation.reluBlock()).add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(Blocks.batchFlattenBlock()).add(Linear.builder().setUnits(FEATURES).build()).add(Activation.reluBlock());
        head = new SequentialBlock().add(Linear.builder().setUnits(ImageSet.CLASSES).build());
        network = new SequentialBlock().add(features).add(head);
        network.initialize(manager, DataType.FLOAT32, new Shape(2, 1, ImageSet.SIDE, ImageSet.SIDE));
        store = new ParameterStore(manager, false);
    }

    private static Conv2d conv(int filters) {
        return BlockedConv2d.of(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(filters));
    }

    /** Trains a fresh classifier on {@code train} (Adam 1e-3, batch 128). */
    public static ReferenceClassifier train(ImageSet train, int epochs, long seed, Consumer<String> progress) {
        Engine.getInstance().setRandomSeed((int) seed);
        ReferenceClassifier c = new ReferenceClassifier();
        Batches.setTrainable(c.network, true);
        Loss loss = Loss.softmaxCrossEntropyLoss();
        Random random = new Random(seed);
        int batch = Math.min(BATCH, train.size());
        float[] px = new float[batch * ImageSet.PIXELS];
        int[] labels = new int[batch];
        try (ParamOptimizer adam = ParamOptimizer.adam(ParamOptimizer.trainableParameters(c.network), 0.9f, 0.999f)) {
            for (int epoch = 1; epoch <= epochs; epoch++) {
                trainEpoch(c, adam, train, random, batch, px, labels, loss, epoch, epochs, progress);
            }
        }
        return c;
    }

    private static void trainEpoch(ReferenceClassifier c, ParamOptimizer adam, ImageSet train, Random random, int batch, float[] px,
                                   int[] labels, Loss loss, int epoch, int epochs, Consumer<String> progress) {
        int[] order = Batches.shuffled(train.size(), random);
        long start = System.nanoTime();
        double sum = 0;
        int batches = train.size() / batch;
        for (int b = 0; b < batches; b++) {
            Batches.gather(train, order, b * batch, px, labels);
            try (NDManager m = c.manager.newSubManager(); GradientCollector collector = ExclusiveGradientCollector.open(Engine.getInstance())) {
                Batches.zeroGradients(c.network);
                NDArray logits = c.network.forward(c.store, new NDList(Batches.images(m, px, batch)), true).singletonOrThrow();
                NDArray l = loss.evaluate(new NDList(m.create(labels)), new NDList(logits));
                collector.backward(l);
                sum += l.getFloat();
            }
            adam.step(1e-3);
        }
        progress.accept(String.format("epoch %d/%d: loss %.4f, %.1f s", epoch, epochs, sum / batches,
                (System.nanoTime() - start) / 1e9));
    }

    /**
     * The reference classifier for this training split and seed from {@code store}, trained (and stored)
     * first if absent. Produced only by code, so every number computed with it is reproducible.
     */
    public static ReferenceClassifier obtain(BlobStore store, ImageSet train, int epochs, long seed, Consumer<String> progress) {
        String key = "reference-cnn-v1-" + GanOptions.sha256(epochs + "|" + seed + "|" + GanOptions.fingerprint(train));
        var cached = store.load(key);
        if (cached.isPresent()) {
            progress.accept("using reference classifier " + key);
            return fromBytes(cached.get());
        }
        progress.accept("training reference classifier " + key + " on " + train.size() + " real training images");
        ReferenceClassifier c = train(train, epochs, seed, line -> progress.accept("reference classifier " + line));
        store.save(key, c.toBytes());
        return c;
    }

    /** Fraction of {@code set} whose predicted class equals its label. */
    public double accuracy(ImageSet set) {
        int[] predicted = predict(set);
        int correct = 0;
        for (int i = 0; i < predicted.length; i++) {
            correct += predicted[i] == set.labels()[i] ? 1 : 0;
        }
        return (double) correct / set.size();
    }

    public int[] predict(ImageSet set) {
        int[] out = new int[set.size()];
        forEachBatch(set, (from, x) -> {
            long[] argmax = network.forward(store, new NDList(x), false).singletonOrThrow().argMax(1).toLongArray();
            for (int i = 0; i < argmax.length; i++) {
                out[from + i] = (int) argmax[i];
            }
        });
        return out;
    }

    /**
     * The class probabilities softmax(logits / temperature) of every image, {@code set.size() × 10}, row-major; a
     * temperature above 1 gives softer targets (distillation).
     */
    public float[] probabilities(ImageSet set, double temperature) {
        float[] out = new float[set.size() * ImageSet.CLASSES];
        forEachBatch(set, (from, x) -> {
            NDArray logits = network.forward(store, new NDList(x), false).singletonOrThrow();
            float[] p = logits.div(temperature).softmax(1).toFloatArray();
            System.arraycopy(p, 0, out, from * ImageSet.CLASSES, p.length);
        });
        return out;
    }

    /** {@link #FEATURE_LAYER} activations, {@code set.size() × 128}, row-major. */
    public float[] features(ImageSet set) {
        float[] out = new float[set.size() * FEATURES];
        forEachBatch(set, (from, x) -> {
            float[] f = features.forward(store, new NDList(x), false).singletonOrThrow().toFloatArray();
            System.arraycopy(f, 0, out, from * FEATURES, f.length);
        });
        return out;
    }

    private interface BatchConsumer {
        void accept(int from, NDArray images);
    }

    private void forEachBatch(ImageSet set, BatchConsumer consumer) {
        for (int from = 0; from < set.size(); from += EVAL_BATCH) {
            int n = Math.min(EVAL_BATCH, set.size() - from);
            float[] px = new float[n * ImageSet.PIXELS];
            System.arraycopy(set.pixels(), from * ImageSet.PIXELS, px, 0, px.length);
            try (NDManager m = manager.newSubManager()) {
                consumer.accept(from, Batches.images(m, px, n));
            }
        }
    }

    public byte[] toBytes() {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream(); DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            network.saveParameters(out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ReferenceClassifier fromBytes(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            if (in.readInt() != MAGIC) {
                throw new IllegalArgumentException("not an Atelier reference classifier (bad magic number)");
            }
            ReferenceClassifier c = new ReferenceClassifier();
            c.network.loadParameters(c.manager, in);
            return c;
        } catch (IOException | MalformedModelException e) {
            throw new IllegalArgumentException("corrupt reference classifier artifact: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
