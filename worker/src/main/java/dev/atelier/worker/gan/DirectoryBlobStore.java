package dev.atelier.worker.gan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.regex.Pattern;

/** One file per key in a directory; writes are atomic (temp file + rename), so concurrent readers never see half a file. */
public final class DirectoryBlobStore implements BlobStore {
    private static final Pattern SAFE_KEY = Pattern.compile("[A-Za-z0-9._-]+");
    private final Path dir;

    public DirectoryBlobStore(Path dir) {
        this.dir = dir;
    }

    /** {@code $ATELIER_CACHE_DIR/generators}, else {@code ~/.cache/atelier/generators}. */
    public static DirectoryBlobStore defaultLocation() {
        String env = System.getenv("ATELIER_CACHE_DIR");
        Path root = env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".cache", "atelier");
        return new DirectoryBlobStore(root.resolve("generators"));
    }

    public Path dir() {
        return dir;
    }

    @Override
    public Optional<byte[]> load(String key) {
        Path file = file(key);
        try {
            return Files.exists(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read cached artifact " + file, e);
        }
    }

    @Override
    public void save(String key, byte[] artifact) {
        Path file = file(key);
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, key, ".tmp");
            Files.write(tmp, artifact);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write artifact " + file + " (set ATELIER_CACHE_DIR to a writable directory)", e);
        }
    }

    private Path file(String key) {
        if (!SAFE_KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("artifact key must match " + SAFE_KEY + ", got '" + key + "'");
        }
        return dir.resolve(key + ".bin");
    }
}
