package dev.atelier.worker.training;

import ai.djl.ndarray.NDArray;

/** Cross-entropy with optional label smoothing, as three tensor ops (no one-hot labels). */
final class Losses {
    private Losses() {
    }

    /** Mean over the batch; {@code labels} are int64 class indices. */
    static NDArray crossEntropy(NDArray logits, NDArray labels, double smoothing) {
        NDArray logp = logits.logSoftmax(1);
        NDArray nll = logp.gather(labels.reshape(-1, 1), 1).mean().neg();
        if (smoothing == 0) {
            return nll;
        }
        return nll.mul(1 - smoothing).sub(logp.mean().mul(smoothing));
    }
}
