package dev.atelier.worker.gan;

import java.util.Optional;

/**
 * Where trained generators and the reference classifier are kept, by key. Locally a directory
 * ({@link DirectoryBlobStore}); the worker can back it with its shared artifact store.
 */
public interface BlobStore {
    Optional<byte[]> load(String key);

    void save(String key, byte[] artifact);
}
