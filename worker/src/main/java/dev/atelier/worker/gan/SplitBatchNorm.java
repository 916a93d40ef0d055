package dev.atelier.worker.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * Batch norm that can normalise a batch made of several equal parts each with its own statistics, as if every part had
 * gone through the network on its own. The discriminator's update then sends its real and its generated images
 * through the network as one batch (one call per layer instead of two, ~4 ms less per GAN iteration at batch 128)
 * while its batch norm still never mixes real and generated images (a joint batch norm learned visibly slower).
 *
 * <p>{@link #setParts} chooses the number of parts for the following forward passes (1 = ordinary batch norm); the
 * batch size must be a multiple of it. Same parameters (scale, shift, running statistics) as one {@link BatchNorm}.
 */
final class SplitBatchNorm extends AbstractBlock {
    private final Block norm;
    private int parts = 1;

    SplitBatchNorm() {
        norm = addChildBlock("norm", BatchNorm.builder().build());
    }

    /** The number of equal, consecutive parts of the batch normalised separately from now on. */
    void setParts(int parts) {
        if (parts < 1) {
            throw new IllegalArgumentException("parts must be at least 1, got " + parts);
        }
        this.parts = parts;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        if (parts == 1) {
            return norm.forward(store, inputs, training);
        }
        NDArray x = inputs.singletonOrThrow();
        long batch = x.getShape().get(0);
        if (batch % parts != 0) {
            throw new IllegalArgumentException("a batch of " + batch + " cannot be split into " + parts + " equal parts");
        }
        NDList normalised = new NDList(parts);
        for (NDArray part : x.split(parts)) {
            normalised.add(norm.forward(store, new NDList(part), training).singletonOrThrow());
        }
        return new NDList(NDArrays.concat(normalised));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        norm.initialize(manager, dataType, inputShapes);
    }

    /** Every {@code SplitBatchNorm} in {@code block}'s tree (including itself), so a caller can set their parts. */
    static List<SplitBatchNorm> in(Block block) {
        List<SplitBatchNorm> found = new ArrayList<>();
        if (block instanceof SplitBatchNorm split) {
            found.add(split);
        }
        block.getChildren().values().forEach(child -> found.addAll(in(child)));
        return found;
    }
}
