package dev.atelier.worker.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;

/**
 * The parameters of the best epoch so far, kept as copies on the training device. Capturing them is one native copy
 * per tensor; serialising every improving epoch instead made megabytes of short-lived Java byte arrays per epoch,
 * which grew the Java heap (and the process RSS) epoch after epoch. They are serialised once, at the end.
 */
final class BestParams implements AutoCloseable {
    private static final NDIndex ALL = new NDIndex("...");
    private final List<NDArray> copies = new ArrayList<>();

    /** Replaces the kept copies with the block's current parameters (weights and batch-norm statistics). */
    void capture(Block block) {
        clear();
        for (Pair<String, Parameter> p : block.getParameters()) {
            copies.add(p.getValue().getArray().duplicate()); // a native clone, outside autograd
        }
    }

    /** Forgets the copies (the best parameters are then held elsewhere, e.g. in a checkpoint). */
    void clear() {
        copies.forEach(NDArray::close);
        copies.clear();
    }

    /** Copies the kept parameters back into the block; false when nothing was captured. */
    boolean restoreInto(Block block) {
        if (copies.isEmpty()) {
            return false;
        }
        int i = 0;
        try (NoGrad ignored = NoGrad.open()) {
            for (Pair<String, Parameter> p : block.getParameters()) {
                // an in-place copy into the parameter's own storage (NDArray.copyTo would alias the copy's memory)
                p.getValue().getArray().set(ALL, copies.get(i++));
            }
        }
        return true;
    }

    @Override
    public void close() {
        clear();
    }
}
