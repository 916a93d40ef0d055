package dev.atelier.worker.gan;

import ai.djl.ndarray.NDArray;

/**
 * The mode-seeking term of the generator's loss (after MSGAN, Mao et al. 2019): a conditional generator that maps
 * different noise vectors of one class to nearly the same image pays for it. For the pairs (i, j), i ≠ j, of a batch's
 * generated images that share their conditioning class, the term is
 * {@code Σ ‖z_i − z_j‖ / Σ ‖G(z_i) − G(z_j)‖} (Euclidean distances; MSGAN's reciprocal of the image-to-noise distance
 * ratio). It falls as images of one class spread out relative to their noise, and is 0 when no two images of the batch
 * share a class. All pairs of the batch are used, through two B × B distance matrices (a few matrix products; no extra
 * network pass).
 */
final class ModeSeeking {
    /** Keeps the ratio finite when all generated images of a class coincide. */
    private static final float EPS = 1e-5f;

    private ModeSeeking() {
    }

    /**
     * @param fake generated images, (B, ...) with their graph, so the term's gradient reaches the generator
     * @param noise the noise they were generated from, (B, latent)
     * @param onehot their conditioning classes, (B, 10)
     * @return the scalar term (not weighted)
     */
    static NDArray loss(NDArray fake, NDArray noise, NDArray onehot) {
        long b = fake.getShape().get(0);
        NDArray samePairs = onehot.matMul(onehot.transpose()).sub(fake.getManager().eye((int) b));
        NDArray imageDistance = distances(fake.reshape(b, -1)).mul(samePairs).sum();
        NDArray noiseDistance = distances(noise).mul(samePairs).sum();
        return noiseDistance.div(imageDistance.add(EPS));
    }

    /**
     * Euclidean distances between the rows of {@code x}, (B, B), from ‖a‖² + ‖b‖² − 2a·b; the diagonal (≈ 0) is kept
     * off the square root's pole so its gradient stays finite (it is masked out by the caller).
     */
    static NDArray distances(NDArray x) {
        NDArray squares = x.square().sum(new int[] {1}, true);
        NDArray squared = squares.add(squares.transpose()).sub(x.matMul(x.transpose()).mul(2f));
        return squared.maximum(0f).add(1e-8f).sqrt();
    }
}
