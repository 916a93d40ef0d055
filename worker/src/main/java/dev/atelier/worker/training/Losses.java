package dev.atelier.worker.training;

import ai.djl.ndarray.NDArray;

/** Cross-entropy with optional label smoothing, against class indices (no one-hot labels) or target probabilities. */
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

    /** Mean over the batch; {@code targets} are (B, 10) probabilities; smoothing mixes them with the uniform distribution. */
    static NDArray softCrossEntropy(NDArray logits, NDArray targets, double smoothing) {
        NDArray logp = logits.logSoftmax(1);
        NDArray ce = targets.mul(logp).sum(new int[] {1}).mean().neg();
        if (smoothing == 0) {
            return ce;
        }
        return ce.mul(1 - smoothing).sub(logp.mean().mul(smoothing));
    }
}
