package dev.atelier.worker.training;

import ai.djl.pytorch.jni.JniUtils;

/**
 * Turns PyTorch's autograd off for the current thread until closed (like {@code torch.no_grad()}). Grad mode is
 * per thread in PyTorch, and a thread's default is on, so in-place updates of parameters must run inside one.
 */
public final class NoGrad implements AutoCloseable {
    private final boolean previous;

    private NoGrad() {
        previous = JniUtils.isGradMode();
        if (previous) {
            JniUtils.setGradMode(false);
        }
    }

    public static NoGrad open() {
        return new NoGrad();
    }

    @Override
    public void close() {
        if (previous) {
            JniUtils.setGradMode(true);
        }
    }
}
