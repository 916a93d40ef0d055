package dev.atelier.worker.artifacts;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where workers keep a run's files (checkpoints, trained parameters) so that any worker on any machine can
 * read them: a local directory for one machine and tests, the orchestrator's HTTP API across machines.
 */
public interface ArtifactStore {
    /** The resumable state after the last completed epoch (see {@link CheckpointCodec}). */
    String CHECKPOINT = "checkpoint";
    /** DJL parameter file of the best model of a finished run. */
    String MODEL_PARAMS = "model.params";

    Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    /** Stores (or replaces) an artifact; completes once it is durable. */
    Future<Void> put(String runId, String name, Buffer data);

    /** The artifact's bytes, or empty when the run has no artifact of that name. */
    Future<Optional<Buffer>> get(String runId, String name);

    /** A reference a user or another service can use to fetch the artifact (URL or path). */
    String reference(String runId, String name);

    /** Rejects identifiers that could escape a directory or a URL path segment. */
    static String requireSafe(String what, String value) {
        if (value == null || !SAFE_NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " '" + value + "' is not allowed; use 1-128 of [A-Za-z0-9._-], not starting with '.' or '-'");
        }
        return value;
    }
}
