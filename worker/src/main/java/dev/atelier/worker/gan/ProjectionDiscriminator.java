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
 * Output {@code (B, 11)}: column 0 the real/fake logit, columns 1..10 the class logits.
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
        NDArray projection = out.get(":, " + GanNetworks.OUTPUTS + ":").mul(onehot).sum(new int[] {1}, true);
        return new NDList(out.get(":, 0:1").add(projection).concat(out.get(":, 1:" + GanNetworks.OUTPUTS), 1));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), GanNetworks.OUTPUTS)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        features.initialize(manager, dataType, inputShapes);
        head.initialize(manager, dataType, features.getOutputShapes(inputShapes));
    }
}
