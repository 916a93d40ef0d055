package dev.atelier.worker.gan;

import dev.atelier.schemas.config.RunConfig;
import dev.atelier.worker.data.ImageSet;
import dev.atelier.worker.training.TrainingSetExtender;
import java.util.function.Consumer;

/**
 * {@code augment=cgan}: returns the real training split followed by {@code synthetic_per_class}
 * generated images of every class, labelled by their conditioning class. The engine shuffles the
 * whole set each epoch, so every batch mixes real and synthetic images. The generator is trained on
 * exactly the split passed in (never validation or test images) or reused from the cache. With
 * {@code synthetic_filter=agree} only images a classifier of the real split agrees with are added ({@link AgreementFilter}).
 */
public final class CganExtender implements TrainingSetExtender {
    /** Offset between the run seed and the noise seed, so synthetic images do not reuse the GAN's training noise. */
    private static final long SAMPLE_SEED_OFFSET = 1_000_003L;

    private final GeneratorCache cache;

    public CganExtender(GeneratorCache cache) {
        this.cache = cache;
    }

    /** A cGAN extender backed by the local cache directory. */
    public static CganExtender local() {
        return new CganExtender(new GeneratorCache(DirectoryBlobStore.defaultLocation()));
    }

    @Override
    public ImageSet extend(RunConfig config, ImageSet train, Consumer<String> progress) {
        if (!"cgan".equals(config.getString("augment"))) {
            return train;
        }
        int perClass = config.getInt("synthetic_per_class");
        if (perClass == 0) {
            return train;
        }
        GeneratorCache.Obtained obtained = cache.obtain(GanOptions.from(config), train, progress);
        try (Generator generator = obtained.generator()) {
            long seed = config.getInt("seed") + SAMPLE_SEED_OFFSET;
            ImageSet synthetic = "agree".equals(config.getString("synthetic_filter"))
                    ? AgreementFilter.sample(generator, train, perClass, seed, progress) : generator.sample(perClass, seed);
            progress.accept("added " + synthetic.size() + " synthetic images (" + perClass + " per class) from " + obtained.key());
            return concat(train, synthetic);
        }
    }

    static ImageSet concat(ImageSet a, ImageSet b) {
        float[] px = new float[a.pixels().length + b.pixels().length];
        System.arraycopy(a.pixels(), 0, px, 0, a.pixels().length);
        System.arraycopy(b.pixels(), 0, px, a.pixels().length, b.pixels().length);
        int[] labels = new int[a.size() + b.size()];
        System.arraycopy(a.labels(), 0, labels, 0, a.size());
        System.arraycopy(b.labels(), 0, labels, a.size(), b.size());
        return new ImageSet(px, labels);
    }
}
