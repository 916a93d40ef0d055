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
import dev.atelier.worker.data.ImageSet;
import dev.atelier.worker.training.ExclusiveGradientCollector;
import dev.atelier.worker.training.ParamOptimizer;
import java.util.ArrayList;
import java.util.List;

/**
 * One generator + one discriminator and the alternating updates of the conditional GAN.
 * Losses: binary cross-entropy on logits; the discriminator's target for real images is 0.9
 * (one-sided label smoothing); the generator uses the non-saturating loss. Adam with β1 = 0.5 for both; the generator's
 * learning rate is {@code gan_lr}, the discriminator's {@code gan_lr} × {@code gan_d_lr_scale}.
 *
 * <p>The discriminator also has ten auxiliary class logits (AC-GAN): it learns to classify the real images,
 * and the generator's loss includes the classification loss of its images against their conditioning labels.
 *
 * <p>One {@link #iterate iteration} does only the passes the algorithm needs: one generator forward
 * (its graph kept), discriminator forward/backward on the real and on the (detached) generated batch,
 * then one discriminator forward/backward on the same generated images into the generator, with the
 * discriminator's weights frozen so no gradient is computed for them. Losses stay on the device; nothing
 * is read back to Java per step.
 */
final class ConditionalGan implements AutoCloseable {
    static final float REAL_TARGET = 0.9f;

    private final Generator generator;
    private final NDManager manager;
    private final Block discriminator;
    private final ParameterStore store;
    private final double lr;
    private final double discriminatorLr;
    /** Weight of the generator's {@link ModeSeeking} term ({@code gan_mode_seeking}); 0 = none. */
    private final float modeSeeking;
    private final ParamOptimizer generatorOptimizer;
    private final ParamOptimizer discriminatorOptimizer;
    /** The generator's averaged weights ({@code gan_ema}); null when the last iterate is the result. */
    private final WeightAverage average;
    /** Applied to every image the discriminator sees when {@code gan_diffaugment=true}; null otherwise. */
    private final DiffAugment diffAugment;

    ConditionalGan(GanOptions options) {
        generator = new Generator(options.arch(), options.latentDim());
        manager = NDManager.newBaseManager();
        discriminator = GanNetworks.discriminator(options.arch());
        discriminator.initialize(manager, DataType.FLOAT32, new Shape(2, 1, ImageSet.SIDE, ImageSet.SIDE), new Shape(2, ImageSet.CLASSES));
        store = new ParameterStore(manager, false);
        Batches.setTrainable(generator.block(), true);
        Batches.setTrainable(discriminator, true);
        diffAugment = options.diffAugment() ? new DiffAugment(options.seed()) : null;
        lr = options.lr();
        discriminatorLr = options.lr() * options.discriminatorLrScale();
        modeSeeking = (float) options.modeSeeking();
        generatorOptimizer = ParamOptimizer.adam(ParamOptimizer.trainableParameters(generator.block()), 0.5f, 0.999f);
        discriminatorOptimizer = ParamOptimizer.adam(ParamOptimizer.trainableParameters(discriminator), 0.5f, 0.999f);
        average = options.ema() > 0 ? new WeightAverage(ParamOptimizer.trainableParameters(generator.block()), options.ema()) : null;
    }

    /**
     * Ends training: with {@code gan_ema} the generator takes its averaged weights, and its batch-norm statistics
     * are re-estimated for them (they were accumulated with the moving weights).
     */
    void finish(long seed) {
        if (average != null) {
            average.copyIntoWeights();
            generator.recalibrateBatchNorm(seed);
        }
    }

    /**
     * What the trained generator is made of: all its parameters (weights and batch-norm statistics) and, with
     * {@code gan_ema}, the moving average of its weights.
     */
    List<NDArray> generatorState() {
        List<NDArray> state = new ArrayList<>();
        generator.block().getParameters().values().forEach(p -> state.add(p.getArray()));
        if (average != null) {
            state.addAll(average.averages());
        }
        return state;
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
        NDArray z = noise(real.getManager(), onehot);
        NDArray fake;
        NDArray dLoss;
        try (GradientCollector collector = ExclusiveGradientCollector.open(Engine.getInstance())) {
            fake = generator.forward(z, onehot, true);
            dLoss = discriminatorLoss(real, fake.stopGradient(), onehot);
            Batches.zeroGradients(discriminator);
            collector.backward(dLoss);
        }
        discriminatorOptimizer.step(discriminatorLr);
        NDArray gLoss = generatorUpdate(fake, z, onehot);
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
        discriminatorOptimizer.step(discriminatorLr);
        return loss.getFloat();
    }

    /** A generator update alone (generates its own batch of the classes in {@code onehot}); returns the loss. */
    float generatorStep(NDArray onehot) {
        NDArray z = noise(onehot.getManager(), onehot);
        NDArray fake;
        try (GradientCollector collector = ExclusiveGradientCollector.open(Engine.getInstance())) {
            fake = generator.forward(z, onehot, true);
        }
        return generatorUpdate(fake, z, onehot).getFloat();
    }

    /**
     * Real/fake BCE on real (target {@link #REAL_TARGET}) and generated images (target 0), plus the auxiliary
     * classification loss on the real images. Real and fake go through separately: the discriminator's batch
     * norm must not mix the two (measured: a joint pass learned visibly slower).
     */
    private NDArray discriminatorLoss(NDArray real, NDArray fake, NDArray onehot) {
        NDArray realOut = discriminate(augmented(real), onehot);
        NDArray fakeOut = discriminate(augmented(fake), onehot);
        NDArray loss = bceWithLogits(realLogit(realOut), REAL_TARGET).add(bceWithLogits(realLogit(fakeOut), 0f));
        return loss.add(classLoss(realOut, onehot));
    }

    /**
     * Non-saturating generator loss through a frozen discriminator (plus the weighted {@link ModeSeeking} term of the
     * images and their noise {@code z}), backward into the generator, one Adam step.
     */
    private NDArray generatorUpdate(NDArray fake, NDArray z, NDArray onehot) {
        NDArray loss;
        Batches.setTrainable(discriminator, false);
        try (GradientCollector collector = ExclusiveGradientCollector.open(Engine.getInstance())) {
            NDArray out = discriminate(augmented(fake), onehot);
            loss = bceWithLogits(realLogit(out), 1f).add(classLoss(out, onehot));
            if (modeSeeking > 0) {
                loss = loss.add(ModeSeeking.loss(fake, z, onehot).mul(modeSeeking));
            }
            Batches.zeroGradients(generator.block());
            collector.backward(loss);
        } finally {
            Batches.setTrainable(discriminator, true);
        }
        generatorOptimizer.step(lr);
        if (average != null) {
            average.update();
        }
        return loss;
    }

    NDArray discriminate(NDArray images, NDArray onehot) {
        return discriminator.forward(store, new NDList(images, onehot), true).singletonOrThrow();
    }

    private NDArray augmented(NDArray images) {
        return diffAugment == null ? images : diffAugment.apply(images);
    }

    /** Column 0 of the discriminator's output: the real/fake logit, (B, 1). */
    static NDArray realLogit(NDArray out) {
        return out.get(":, 0:1");
    }

    /** Mean softmax cross-entropy of the auxiliary class logits (columns 1..10) against the one-hot labels. */
    static NDArray classLoss(NDArray out, NDArray onehot) {
        return out.get(":, 1:").logSoftmax(1).mul(onehot).sum(new int[] {1}).mean().neg();
    }

    private NDArray noise(NDManager batch, NDArray onehot) {
        return batch.randomNormal(new Shape(onehot.getShape().get(0), generator.latentDim()));
    }

    /** Mean binary cross-entropy of sigmoid(logits) against a constant target, computed stably. */
    static NDArray bceWithLogits(NDArray logits, float target) {
        return logits.maximum(0f).sub(logits.mul(target)).add(logits.abs().neg().exp().add(1f).log()).mean();
    }

    /** Closes the discriminator and the optimizer state; the generator stays open for its new owner. */
    @Override
    public void close() {
        generatorOptimizer.close();
        discriminatorOptimizer.close();
        if (average != null) {
            average.close();
        }
        manager.close();
    }
}
