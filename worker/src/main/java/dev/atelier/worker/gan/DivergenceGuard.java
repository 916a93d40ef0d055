package dev.atelier.worker.gan;

/**
 * Decides, at each loss read-back of a GAN run, whether training has diverged. The discriminator's loss is two binary
 * cross-entropies and a ten-class cross-entropy: {@link #CHANCE_D_LOSS} when it guesses, 0.5-0.9 in healthy dcgan runs.
 * Two ways a run was seen to fail (docs/gan.md):
 * <ul>
 *   <li>it blows up: a non-finite loss, or a discriminator loss above {@link #EXPLODED_D_LOSS} (one late divergence
 *   jumped from 0.71 to 55);</li>
 *   <li>it falls apart: a discriminator that had learned ({@link #LEARNED_D_LOSS}) does worse than guessing over a
 *   full window of {@link #WINDOW} batches, while the generator fools it with images no person would take for clothes
 *   (a mode-seeking weight of 1: 0.88 in epoch 10, 3.8 in epoch 11, 6.5 by epoch 20, GAN-test 18%). Shorter windows
 *   (a small split's epoch of a few batches) are too noisy for this rule, and a discriminator that never learned is
 *   still at the start, not falling apart.</li>
 * </ul>
 * It also says which epoch's generator is one to go back to: an epoch that ends with a discriminator that had learned
 * and is above {@link #LEARNED_D_LOSS} again is already on its way down (a default seed-42 run: 0.8 mid-epoch 1, 2.4 over
 * its last batches, worse than guessing in epoch 2), so it is no healthy epoch.
 */
final class DivergenceGuard {
    /** 2 ln 2 + ln 10: the discriminator's loss when it outputs 0.5 for every image and 1/10 for every class. */
    static final double CHANCE_D_LOSS = 2 * Math.log(2) + Math.log(10);
    static final double EXPLODED_D_LOSS = 10;
    /** A discriminator whose loss has been below this over a full window has learned something. */
    static final double LEARNED_D_LOSS = 2;
    static final int WINDOW = GanTrainer.PROGRESS_EVERY;

    private boolean learned;
    /** The discriminator's mean loss over the batches of the latest check. */
    private double latestD;
    /** The last epoch that ended healthy; 0 while none has. */
    private int healthyEpoch;

    /**
     * @param recentD the discriminator's mean loss over the {@code recentBatches} batches since the previous check
     * @param dLoss the epoch's mean discriminator loss so far
     * @param gLoss the epoch's mean generator loss so far
     * @return why training has diverged, or null while it has not
     */
    String check(double recentD, int recentBatches, double dLoss, double gLoss) {
        latestD = recentD;
        if (!Double.isFinite(dLoss) || !Double.isFinite(gLoss) || !(recentD <= EXPLODED_D_LOSS)) {
            return "a non-finite loss or a discriminator loss above " + EXPLODED_D_LOSS;
        }
        if (recentBatches < WINDOW) {
            return null;
        }
        if (learned && recentD > CHANCE_D_LOSS) {
            return String.format("a discriminator that had learned now does worse than guessing (%.2f)", CHANCE_D_LOSS);
        }
        learned |= recentD < LEARNED_D_LOSS;
        return null;
    }

    /**
     * Called after the check of an epoch's last batches.
     *
     * @return whether the epoch ended healthy, so its generator is the one to go back to if training diverges later
     */
    boolean epochEnded(int epoch) {
        boolean healthy = !(learned && latestD > LEARNED_D_LOSS);
        if (healthy) {
            healthyEpoch = epoch;
        }
        return healthy;
    }

    /** The last epoch that ended healthy; 0 while none has. */
    int healthyEpoch() {
        return healthyEpoch;
    }
}
