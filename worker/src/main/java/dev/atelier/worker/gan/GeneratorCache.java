package dev.atelier.worker.gan;

import dev.atelier.worker.data.ImageSet;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trained generators by {@link GanOptions#cacheKey(ImageSet) key}: runs that need the same generator
 * (same GAN options, training images and seed) load it instead of training it again. Concurrent
 * requests for one key train it once.
 */
public final class GeneratorCache {
    private static final Logger LOG = LoggerFactory.getLogger(GeneratorCache.class);

    /**
     * @param stats training statistics, empty when the generator came from the cache
     */
    public record Obtained(Generator generator, String key, Optional<GanTrainer.Stats> stats) {
        public boolean trained() {
            return stats.isPresent();
        }
    }

    private final BlobStore store;
    private final ConcurrentHashMap<String, Object> locks = new ConcurrentHashMap<>();

    public GeneratorCache(BlobStore store) {
        this.store = store;
    }

    /** The cached generator for these options and training images, training and storing it first if needed. Close it after use. */
    public Obtained obtain(GanOptions options, ImageSet train, Consumer<String> progress) {
        String key = "generator-" + options.cacheKey(train);
        synchronized (locks.computeIfAbsent(key, k -> new Object())) {
            Optional<byte[]> cached = store.load(key);
            if (cached.isPresent()) {
                LOG.info("reusing cached generator {}", key);
                progress.accept("reusing cached generator " + key);
                return new Obtained(Generator.fromBytes(cached.get()), key, Optional.empty());
            }
            progress.accept("training generator " + key + " (" + options + ")");
            GanTrainer.Result result = GanTrainer.train(options, train, progress);
            store.save(key, result.generator().toBytes());
            LOG.info("trained and cached generator {} in {} s", key, String.format("%.1f", result.stats().seconds()));
            return new Obtained(result.generator(), key, Optional.of(result.stats()));
        }
    }
}
