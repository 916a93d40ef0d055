package dev.atelier.schemas.messages;

/** Worker → orchestrator: the run stopped because it was cancelled; {@code epoch} is the last completed one. */
public record RunCancelled(String runId, int attempt, int epoch) implements Message {
    @Override
    public String key() {
        return runId;
    }
}
