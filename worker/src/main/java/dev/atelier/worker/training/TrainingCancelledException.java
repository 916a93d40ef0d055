package dev.atelier.worker.training;

/** The run stopped because its {@link CancellationToken} said so; {@code lastEpoch} is the last completed epoch. */
public class TrainingCancelledException extends RuntimeException {
    private final int lastEpoch;

    public TrainingCancelledException(int lastEpoch) {
        super("cancelled after epoch " + lastEpoch);
        this.lastEpoch = lastEpoch;
    }

    public int lastEpoch() {
        return lastEpoch;
    }
}
