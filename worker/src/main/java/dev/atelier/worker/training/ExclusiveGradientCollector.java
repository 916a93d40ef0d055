package dev.atelier.worker.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.training.GradientCollector;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link GradientCollector} that holds a process-wide lock while it is open. DJL's PyTorch engine allows one
 * collecting gradient collector per process, so two runs training at once (a worker with {@code --slots 2}, or
 * several workers in {@code ./atelier up}) would otherwise fail with "A PtGradientCollector is already collecting".
 * Only the forward and backward pass of a step is serialised; parameter updates and evaluation run concurrently.
 */
public final class ExclusiveGradientCollector implements GradientCollector {
    private static final ReentrantLock LOCK = new ReentrantLock();
    private final GradientCollector delegate;

    private ExclusiveGradientCollector(GradientCollector delegate) {
        this.delegate = delegate;
    }

    /** Waits until no other thread collects gradients, then opens a collector. */
    public static ExclusiveGradientCollector open(Engine engine) {
        LOCK.lock();
        try {
            return new ExclusiveGradientCollector(engine.newGradientCollector());
        } catch (RuntimeException | Error e) {
            LOCK.unlock();
            throw e;
        }
    }

    @Override
    public void backward(NDArray target) {
        delegate.backward(target);
    }

    @Override
    public void zeroGradients() {
        delegate.zeroGradients();
    }

    @Override
    public void close() {
        try {
            delegate.close();
        } finally {
            LOCK.unlock();
        }
    }
}
