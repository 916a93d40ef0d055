package dev.atelier.worker.training;

/** Training loss became NaN or infinite; not retryable. Message: {@code diverged at epoch N (...)}. */
public class DivergedException extends RuntimeException {
    private final int epoch;

    public DivergedException(int epoch, String detail) {
        super("diverged at epoch " + epoch + " (" + detail + ")");
        this.epoch = epoch;
    }

    public int epoch() {
        return epoch;
    }
}
