package dev.atelier.worker.gan;

import dev.atelier.schemas.config.RunConfig;
import dev.atelier.worker.data.DataSplit;
import dev.atelier.worker.data.FashionMnist;
import dev.atelier.worker.data.ImageSet;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * {@code ./atelier gan}: train (or reuse) the generator for a run config on its training split, then
 * write the sample grid and the quality report (report.json) into an output directory.
 */
public final class GanPipeline {
    /** The reference classifier always learns from the full 55,000-image training split of this seed. */
    public static final long REFERENCE_SEED = 42;

    /**
     * @param referenceSubset training images for the reference classifier (0 = all 55,000; smaller only for smoke tests)
     * @param testImages real test images used for FID and accuracies (0 = all 10,000)
     */
    public record Settings(int referenceEpochs, int referenceSubset, int testImages, GanEvaluator.Settings evaluation) {
        public static Settings standard(long seed) {
            return new Settings(3, 0, 0, GanEvaluator.Settings.standard(seed));
        }
    }

    public record Outcome(String generatorKey, boolean trained, QualityReport quality, Path grid, Path report, JsonObject json) {
    }

    private GanPipeline() {
    }

    public static Outcome run(RunConfig config, Settings settings, BlobStore store, Path outDir, Consumer<String> progress) {
        FashionMnist data = FashionMnist.load(config.getString("data_dir"), true);
        DataSplit split = DataSplit.of(data.train(), DataSplit.VALIDATION_SIZE, config.getInt("train_subset"), config.getInt("seed"));
        ImageSet test = settings.testImages() > 0 ? head(data.test(), settings.testImages()) : data.test();
        ImageSet referenceTrain = DataSplit.of(data.train(), DataSplit.VALIDATION_SIZE, settings.referenceSubset(), REFERENCE_SEED).train();
        GeneratorCache.Obtained obtained = new GeneratorCache(store).obtain(GanOptions.from(config), split.train(), progress);
        try (Generator generator = obtained.generator();
             ReferenceClassifier reference = ReferenceClassifier.obtain(store, referenceTrain, settings.referenceEpochs(), REFERENCE_SEED, progress)) {
            Path dir = outDir == null ? Path.of("runs", "gan", obtained.key()) : outDir;
            Path grid = dir.resolve("grid.png");
            SampleGrid.write(generator, config.getInt("seed"), grid);
            progress.accept("wrote " + grid);
            QualityReport quality = GanEvaluator.evaluate(generator, reference, test, settings.evaluation(), progress);
            JsonObject json = new JsonObject()
                    .put("generator_key", obtained.key())
                    .put("options", new JsonObject().put("gan_arch", generator.arch()).put("gan_epochs", config.getInt("gan_epochs"))
                            .put("gan_lr", config.getDouble("gan_lr"))
                            .put("gan_d_lr_scale", config.getDouble("gan_d_lr_scale"))
                            .put("gan_mode_seeking", config.getDouble("gan_mode_seeking")).put("gan_batch_size", config.getInt("gan_batch_size"))
                            .put("gan_latent_dim", generator.latentDim()).put("train_subset", config.getInt("train_subset"))
                            .put("seed", config.getInt("seed")).put("max_batches", config.getInt("max_batches"))
                            .put("gan_diffaugment", config.getBool("gan_diffaugment")).put("gan_ema", config.getDouble("gan_ema")))
                    .put("training_images", split.train().size())
                    .put("trained_now", obtained.trained())
                    .put("grid_png", grid.toString())
                    .put("quality", quality.toJson());
            obtained.stats().ifPresent(s -> json.put("training", new JsonObject().put("seconds", s.seconds()).put("epochs", s.epochs())
                    .put("steps", s.steps()).put("images_per_second", s.imagesPerSecond())
                    .put("final_d_loss", s.lastDiscriminatorLoss()).put("final_g_loss", s.lastGeneratorLoss())
                    .put("diverged_at_epoch", s.divergedAtEpoch())));
            Path report = dir.resolve("report.json");
            Files.writeString(report, json.encodePrettily());
            return new Outcome(obtained.key(), obtained.trained(), quality, grid, report, json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the GAN report: " + e.getMessage(), e);
        }
    }

    static ImageSet head(ImageSet set, int n) {
        int count = Math.min(n, set.size());
        return new ImageSet(Arrays.copyOf(set.pixels(), count * ImageSet.PIXELS), Arrays.copyOf(set.labels(), count));
    }
}
