package dev.atelier.worker.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import dev.atelier.worker.training.NoGrad;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies of some arrays, taken and put back in place: the generator's state at the end of its last healthy epoch,
 * which {@link GanTrainer} returns to when training diverges.
 */
final class Snapshot implements AutoCloseable {
    private static final NDIndex ALL = new NDIndex("...");
    private final List<NDArray> sources;
    private final List<NDArray> copies = new ArrayList<>();

    /** Copies {@code sources} now. */
    Snapshot(List<NDArray> sources) {
        this.sources = List.copyOf(sources);
        try (NoGrad ignored = NoGrad.open()) {
            for (NDArray source : this.sources) {
                copies.add(source.duplicate());
            }
        }
    }

    /** Copies the sources' current values over the earlier copies (no new arrays). */
    void retake() {
        copyValues(sources, copies);
    }

    /** Writes the copies back into the sources. */
    void restore() {
        copyValues(copies, sources);
    }

    /** Overwrites each array of {@code into} with the values of the array at the same place in {@code from}. */
    static void copyValues(List<NDArray> from, List<NDArray> into) {
        try (NoGrad ignored = NoGrad.open()) {
            for (int i = 0; i < from.size(); i++) {
                into.get(i).set(ALL, from.get(i));
            }
        }
    }

    @Override
    public void close() {
        copies.forEach(NDArray::close);
    }
}
