package dev.atelier.worker.artifacts;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.CopyOptions;
import io.vertx.core.file.FileSystem;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

/**
 * Artifacts as files {@code <root>/<runId>/<name>}, written to a temporary file and atomically renamed so a
 * reader (or a worker resuming after a crash) never sees half a checkpoint. Non-blocking (Vert.x file system).
 */
public final class LocalDirectoryArtifactStore implements ArtifactStore {
    private final FileSystem fs;
    private final Path root;

    public LocalDirectoryArtifactStore(Vertx vertx, Path root) {
        this.fs = vertx.fileSystem();
        this.root = root.toAbsolutePath();
    }

    @Override
    public Future<Void> put(String runId, String name, Buffer data) {
        Path dir = root.resolve(ArtifactStore.requireSafe("runId", runId));
        Path target = dir.resolve(ArtifactStore.requireSafe("artifact name", name));
        Path tmp = dir.resolve("." + name + "." + UUID.randomUUID() + ".tmp");
        return fs.mkdirs(dir.toString())
                .compose(v -> fs.writeFile(tmp.toString(), data))
                .compose(v -> fs.move(tmp.toString(), target.toString(), new CopyOptions().setReplaceExisting(true).setAtomicMove(true)))
                .recover(err -> Future.failedFuture(new IllegalStateException("cannot store artifact " + target + ": " + err.getMessage(), err)));
    }

    @Override
    public Future<Optional<Buffer>> get(String runId, String name) {
        String path = root.resolve(ArtifactStore.requireSafe("runId", runId)).resolve(ArtifactStore.requireSafe("artifact name", name)).toString();
        return fs.exists(path).compose(exists -> exists ? fs.readFile(path).map(Optional::of) : Future.succeededFuture(Optional.empty()));
    }

    @Override
    public String reference(String runId, String name) {
        return root.resolve(runId).resolve(name).toUri().toString();
    }

    @Override
    public String toString() {
        return "directory " + root;
    }
}
