package dev.atelier.worker.gan;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.atelier.worker.data.ImageSet;
import dev.atelier.worker.training.ExclusiveGradientCollector;

/**
 * One generator + one discriminator and the alternating updates of the conditional GAN.
 * Losses: binary cross-entropy on logits; the discriminator's target for real images is 0.9
 * (one-sided label smoothing); the generator uses the non-saturating loss. Adam with β1 = 0.5 for both.
 *
 * <p>One {@link #iterate iteration} does only the passes the algorithm needs: one generator forward
 * (its graph kept), one discriminator forward/backward over real and generated images as a single
 * batch (the fakes detached), then one discriminator forward/backward on the same fakes into the
 * generator, with the discriminator's weights frozen so no gradient is computed for them. Losses stay
 * on the device; nothing is read back to Java per step.
 */
final class ConditionalGan implements AutoCloseable {
    static final float REAL_TARGET = 0.9f;

    private final Generator generator;
    private final NDManager manager;
    private final Block discriminator;
    private final ParameterStore store;
    private final Optimizer generatorOptimizer;
    private final Optimizer discriminatorOptimizer;
    private NDArray discriminatorTargets;

    ConditionalGan(GanOptions options) {
        generator = new Generator(options.arch(), options.latentDim());
        manager = NDManager.newBaseManager();
        discriminator = GanNetworks.discriminator(options.arch());
        discriminator.initialize(manager, DataType.FLOAT32, new Shape(2, 1, ImageSet.SIDE, ImageSet.SIDE), new Shape(2, ImageSet.CLASSES));
        store = new ParameterStore(manager, false);
        Batches.requireGradients(generator.block());
        Batches.requireGradients(discriminator);
        generatorOptimizer = adam(options.lr());
        discriminatorOptimizer = adam(options.lr());
    }

    Generator generator() {
        return generator;
    }

    Block discriminator() {
        return discriminator;
    }

    /**
     * One GAN iteration on a batch: a discriminator update on {@code real} and as many generated images
     * of the same classes, then a generator update through the updated discriminator on those images.
     *
     * @param real images scaled to [-1, 1], shape (B, 1, 28, 28)
     * @param onehot their labels, one-hot (B, 10); also the conditioning labels of the fakes
     * @return (discriminator loss, generator loss), still on the device, in the batch's manager
     */
    NDArray iterate(NDArray real, NDArray onehot) {
        NDArray fake;
        NDArray dLoss;
        try (GradientCollector collector = ExclusiveGradientCollector.open(Engine.getInstance())) {
            fake = generator.forward(noise(real.getManager(), onehot), onehot, true);
            dLoss = discriminatorLoss(real, fake.stopGradient(), onehot);
            Batches.zeroGradients(discriminator);
            collector.backward(dLoss);
        }
        Batches.update(discriminatorOptimizer, discriminator);
        NDArray gLoss = generatorUpdate(fake, onehot);
        return NDArrays.stack(new NDList(dLoss.stopGradient(), gLoss.stopGradient()));
    }

    /** A discriminator update alone (its own generator forward, no graph kept); returns the loss. */
    float discriminatorStep(NDArray real, NDArray onehot) {
        NDArray fake = generator.forward(noise(real.getManager(), onehot), onehot, true);
        NDArray loss;
        try (GradientCollector collector = ExclusiveGradientCollector.open(Engine.getInstance())) {
            loss = discriminatorLoss(real, fake, onehot);
            Batches.zeroGradients(discriminator);
            collector.backward(loss);
        }
        Batches.update(discriminatorOptimizer, discriminator);
        return loss.getFloat();
    }

    /** A generator update alone (generates its own batch of the classes in {@code onehot}); returns the loss. */
    float generatorStep(NDArray onehot) {
        NDArray fake;
        try (GradientCollector collector = ExclusiveGradientCollector.open(Engine.getInstance())) {
            fake = generator.forward(noise(onehot.getManager(), onehot), onehot, true);
        }
        return generatorUpdate(fake, onehot).getFloat();
    }

    /** Real and fake images in one discriminator pass (the discriminator has no batch norm to mix them). */
    private NDArray discriminatorLoss(NDArray real, NDArray fake, NDArray onehot) {
        int batch = (int) real.getShape().get(0);
        NDArray logits = discriminate(real.concat(fake, 0), onehot.concat(onehot, 0));
        // mean over 2B of the per-image BCE, ×2 = mean BCE on real + mean BCE on fake
        return bceWithLogits(logits, targets(batch)).mul(2f);
    }

    /** Non-saturating generator loss through a frozen discriminator, backward into the generator, one Adam step. */
    private NDArray generatorUpdate(NDArray fake, NDArray onehot) {
        NDArray loss;
        Batches.setTrainable(discriminator, false);
        try (GradientCollector collector = ExclusiveGradientCollector.open(Engine.getInstance())) {
            loss = bceWithLogits(discriminate(fake, onehot), 1f);
            Batches.zeroGradients(generator.block());
            collector.backward(loss);
        } finally {
            Batches.setTrainable(discriminator, true);
        }
        Batches.update(generatorOptimizer, generator.block());
        return loss;
    }

    NDArray discriminate(NDArray images, NDArray onehot) {
        return discriminator.forward(store, new NDList(images, onehot), true).singletonOrThrow();
    }

    /** (2B, 1): {@link #REAL_TARGET} for the first B rows (real), 0 for the rest (fake); built once per batch size. */
    private NDArray targets(int batch) {
        if (discriminatorTargets == null || discriminatorTargets.getShape().get(0) != 2L * batch) {
            if (discriminatorTargets != null) {
                discriminatorTargets.close();
            }
            float[] t = new float[2 * batch];
            java.util.Arrays.fill(t, 0, batch, REAL_TARGET);
            discriminatorTargets = manager.create(t, new Shape(2L * batch, 1));
        }
        return discriminatorTargets;
    }

    private NDArray noise(NDManager batch, NDArray onehot) {
        return batch.randomNormal(new Shape(onehot.getShape().get(0), generator.latentDim()));
    }

    /** Mean binary cross-entropy of sigmoid(logits) against a constant target, computed stably. */
    static NDArray bceWithLogits(NDArray logits, float target) {
        return logits.maximum(0f).sub(logits.mul(target)).add(logits.abs().neg().exp().add(1f).log()).mean();
    }

    /** Mean binary cross-entropy of sigmoid(logits) against per-element targets of the same shape. */
    static NDArray bceWithLogits(NDArray logits, NDArray target) {
        return logits.maximum(0f).sub(logits.mul(target)).add(logits.abs().neg().exp().add(1f).log()).mean();
    }

    private static Optimizer adam(double lr) {
        return Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) lr)).optBeta1(0.5f).optBeta2(0.999f).build();
    }

    /** Closes the discriminator; the generator stays open for its new owner. */
    @Override
    public void close() {
        manager.close();
    }
}
