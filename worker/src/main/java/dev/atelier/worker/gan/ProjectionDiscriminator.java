package dev.atelier.worker.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.atelier.worker.data.ImageSet;

/**
 * A discriminator whose real/fake logit is conditioned by projection (Miyato &amp; Koyama, "cGANs with Projection
 * Discriminator", 2018): logit = ψ(φ) + ⟨w_y, φ⟩, where φ is the feature vector of the image (and its label planes),
 * ψ a linear function of it and w_y a learned vector for class y. The score then rewards features that match the
 * conditioning class, not only realistic ones, at the cost of one dense layer.
 *
 * <p>One dense layer on φ gives all outputs at once: ψ, the ten auxiliary class logits (AC-GAN) and the ten
 * projections ⟨w_c, φ⟩, of which the one-hot label picks its class's.
 *
 * <p>Input {@code NDList(image (B, 1, 28, 28), onehot (B, 10))}; the feature block gets both and returns (B, F).
 * Output {@code NDList(real/fake logit (B, 1), class logits (B, 10))}.
 */
final class ProjectionDiscriminator extends AbstractBlock {
    private static final int CLASSES = ImageSet.CLASSES;

    private final Block features;
    private final Block head;

    ProjectionDiscriminator(Block features) {
        this.features = addChildBlock("features", features);
        this.head = addChildBlock("head", Linear.builder().setUnits(GanNetworks.OUTPUTS + CLASSES).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray onehot = inputs.get(1);
        NDArray phi = features.forward(store, inputs, training).singletonOrThrow();
        NDArray out = head.forward(store, new NDList(phi), training).singletonOrThrow();
        // views of ψ (B, 1), the class logits (B, 10) and the projections (B, 10): no copies, one node in the graph
        NDList parts = out.split(new long[] {1, GanNetworks.OUTPUTS}, 1);
        NDArray projection = parts.get(2).mul(onehot).sum(new int[] {1}, true);
        return new NDList(parts.get(0).add(projection), parts.get(1));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long batch = inputShapes[0].get(0);
        return new Shape[] {new Shape(batch, 1), new Shape(batch, CLASSES)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        features.initialize(manager, dataType, inputShapes);
        head.initialize(manager, dataType, features.getOutputShapes(inputShapes));
    }
}
