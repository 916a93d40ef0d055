package dev.atelier.worker.gan;

import java.util.Optional;

/**
 * Where trained generators and the reference classifier are kept, by key. Locally a directory
 * ({@link DirectoryArtifactStore}); the worker can back it with its shared artifact store.
 */
public interface ArtifactStore {
    Optional<byte[]> load(String key);

    void save(String key, byte[] artifact);
}
