package dev.atelier.worker.service;

import dev.atelier.schemas.messages.RunRequested;
import dev.atelier.worker.artifacts.ArtifactStore;
import dev.atelier.worker.artifacts.CheckpointCodec;
import dev.atelier.worker.training.Checkpoint;
import io.vertx.core.Future;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the checkpoint a run resumes from: the one named by {@code resumeFrom}, or else the run's own
 * {@code checkpoint} when it was written by the same attempt (the run was redelivered after a crash or
 * shutdown). A missing or unreadable checkpoint means starting from epoch 1.
 */
final class CheckpointLoader {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointLoader.class);

    private final ArtifactStore store;

    CheckpointLoader(ArtifactStore store) {
        this.store = store;
    }

    Future<Optional<Checkpoint>> load(RunRequested req) {
        boolean explicit = req.resumeFrom() != null && !req.resumeFrom().isBlank();
        String name = explicit ? req.resumeFrom() : ArtifactStore.CHECKPOINT;
        return store.get(req.runId(), name).map(found -> found.flatMap(bytes -> {
            try (RunMdc mdc = RunMdc.of(req.runId(), req.attempt())) {
                CheckpointCodec.Stored stored = CheckpointCodec.decode(bytes);
                if (!explicit && stored.attempt() != req.attempt()) {
                    LOG.info("checkpoint '{}' belongs to attempt {}; attempt {} starts from epoch 1", name, stored.attempt(), req.attempt());
                    return Optional.empty();
                }
                LOG.info("resuming from checkpoint '{}' after epoch {}", name, stored.checkpoint().epoch());
                return Optional.of(stored.checkpoint());
            } catch (IllegalArgumentException e) {
                LOG.warn("ignoring checkpoint '{}': {}", name, e.getMessage());
                return Optional.empty();
            }
        })).recover(err -> {
            try (RunMdc mdc = RunMdc.of(req.runId(), req.attempt())) {
                LOG.warn("cannot read checkpoint '{}' ({}); starting from epoch 1", name, err.getMessage());
            }
            return Future.succeededFuture(Optional.empty());
        });
    }
}
