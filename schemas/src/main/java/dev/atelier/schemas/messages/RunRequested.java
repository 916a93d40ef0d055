package dev.atelier.schemas.messages;

import io.vertx.core.json.JsonObject;

/**
 * Orchestrator → workers (runs topic): train this run.
 *
 * @param config run options as JSON (validated with {@link dev.atelier.schemas.config.RunConfig})
 * @param resumeFrom artifact name of the checkpoint to resume from, or null to start fresh
 */
public record RunRequested(String runId, String sweepId, int attempt, JsonObject config, String resumeFrom) implements Message {
    @Override
    public String key() {
        return runId;
    }
}
