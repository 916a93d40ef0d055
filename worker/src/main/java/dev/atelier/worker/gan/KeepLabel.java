package dev.atelier.worker.gan;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** Applies a one-input block to {@code x} of {@code NDList(x, onehot)} and passes the label on: {@code NDList(f(x), onehot)}. */
final class KeepLabel extends AbstractBlock {
    private final Block inner;

    KeepLabel(Block inner) {
        this.inner = addChildBlock("inner", inner);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(inner.forward(store, new NDList(inputs.get(0)), training).singletonOrThrow(), inputs.get(1));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inner.getOutputShapes(new Shape[] {inputShapes[0]})[0], inputShapes[1]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        inner.initialize(manager, dataType, inputShapes[0]);
    }
}
