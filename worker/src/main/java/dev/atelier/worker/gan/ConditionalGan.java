package dev.atelier.worker.gan;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import dev.atelier.worker.training.ExclusiveGradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.atelier.worker.data.ImageSet;

/**
 * One generator + one discriminator and the two alternating update steps of the conditional GAN.
 * Losses: binary cross-entropy on logits; the discriminator's target for real images is 0.9
 * (one-sided label smoothing); the generator uses the non-saturating loss. Adam with β1 = 0.5 for both.
 */
final class ConditionalGan implements AutoCloseable {
    static final float REAL_TARGET = 0.9f;

    private final Generator generator;
    private final NDManager manager;
    private final Block discriminator;
    private final ParameterStore store;
    private final Optimizer generatorOptimizer;
    private final Optimizer discriminatorOptimizer;

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
     * Updates the discriminator on one batch of real images and as many generated ones.
     *
     * @param real images scaled to [-1, 1], shape (B, 1, 28, 28)
     * @param onehot their labels, one-hot (B, 10); also the conditioning labels of the fakes
     * @return the discriminator loss (real + fake)
     */
    float discriminatorStep(NDArray real, NDArray onehot) {
        NDManager batch = real.getManager();
        NDArray fake = generator.forward(noise(batch, onehot), onehot, true).stopGradient();
        float loss;
        try (GradientCollector collector = ExclusiveGradientCollector.open(Engine.getInstance())) {
            Batches.zeroGradients(discriminator);
            NDArray realLoss = bceWithLogits(discriminate(real, onehot), REAL_TARGET);
            NDArray fakeLoss = bceWithLogits(discriminate(fake, onehot), 0f);
            NDArray total = realLoss.add(fakeLoss);
            collector.backward(total);
            loss = total.getFloat();
        }
        Batches.update(discriminatorOptimizer, discriminator);
        return loss;
    }

    /** Updates the generator so that the discriminator takes its images of the classes in {@code onehot} for real. */
    float generatorStep(NDArray onehot) {
        float loss;
        try (GradientCollector collector = ExclusiveGradientCollector.open(Engine.getInstance())) {
            Batches.zeroGradients(generator.block());
            NDArray fake = generator.forward(noise(onehot.getManager(), onehot), onehot, true);
            NDArray total = bceWithLogits(discriminate(fake, onehot), 1f);
            collector.backward(total);
            loss = total.getFloat();
        }
        Batches.update(generatorOptimizer, generator.block());
        return loss;
    }

    NDArray discriminate(NDArray images, NDArray onehot) {
        return discriminator.forward(store, new NDList(images, onehot), true).singletonOrThrow();
    }

    private NDArray noise(NDManager batch, NDArray onehot) {
        return batch.randomNormal(new Shape(onehot.getShape().get(0), generator.latentDim()));
    }

    /** Mean binary cross-entropy of sigmoid(logits) against a constant target, computed stably. */
    static NDArray bceWithLogits(NDArray logits, float target) {
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
