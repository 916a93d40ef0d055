package dev.atelier.schemas.messages;

/** Orchestrator → workers (control topic): stop this run within one batch. */
public record CancelRequested(String runId, String reason) implements Message {
    @Override
    public String key() {
        return runId;
    }
}
