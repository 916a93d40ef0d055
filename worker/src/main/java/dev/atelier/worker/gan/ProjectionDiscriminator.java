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

/**
 * Projection discriminator (Miyato &amp; Koyama 2018): {@code D(x, y) = w·φ(x) + b + ⟨E y, φ(x)⟩}, where φ is the
 * unconditional feature body and {@code E y} the class embedding of the one-hot label. The label costs one
 * dot product at the end instead of ten extra input planes through every convolution.
 *
 * <p>Input: {@code NDList(image (B, 1, 28, 28), onehot (B, 10))}; output logits {@code (B, 1)}.
 */
final class ProjectionDiscriminator extends AbstractBlock {
    private static final byte VERSION = 1;

    private final Block body;
    private final Block head;
    private final Block embed;

    /** @param body image → flat features {@code (B, F)} */
    ProjectionDiscriminator(Block body, int features) {
        super(VERSION);
        this.body = addChildBlock("body", body);
        this.head = addChildBlock("head", Linear.builder().setUnits(1).build());
        this.embed = addChildBlock("embed", Linear.builder().setUnits(features).optBias(false).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray phi = body.forward(store, new NDList(inputs.get(0)), training, params).singletonOrThrow();
        NDArray logit = head.forward(store, new NDList(phi), training, params).singletonOrThrow();
        NDArray classEmbedding = embed.forward(store, new NDList(inputs.get(1)), training, params).singletonOrThrow();
        return new NDList(logit.add(classEmbedding.mul(phi).sum(new int[] {1}, true)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), 1)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        body.initialize(manager, dataType, inputShapes[0]);
        Shape features = body.getOutputShapes(new Shape[] {inputShapes[0]})[0];
        head.initialize(manager, dataType, features);
        embed.initialize(manager, dataType, inputShapes[1]);
    }
}
