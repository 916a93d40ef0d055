package dev.atelier.schemas.messages;

/** Worker → orchestrator: a worker has taken the run. {@code startEpoch} is 1, or later when resuming. */
public record RunStarted(String runId, int attempt, String workerId, String host, String device, int startEpoch) implements Message {
    @Override
    public String key() {
        return runId;
    }
}
