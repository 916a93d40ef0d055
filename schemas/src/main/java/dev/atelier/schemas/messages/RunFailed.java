package dev.atelier.schemas.messages;

/**
 * Worker → orchestrator: the run failed.
 *
 * @param reason a sentence a user can read, e.g. "diverged at epoch 2 (train loss is NaN)"
 * @param errorClass the Java exception class or a short code
 * @param retryable whether another attempt may succeed (engine errors, out of memory) or not (divergence, bad config)
 * @param epoch the last completed epoch, 0 if none
 */
public record RunFailed(String runId, int attempt, String reason, String errorClass, boolean retryable, int epoch) implements Message {
    @Override
    public String key() {
        return runId;
    }
}
