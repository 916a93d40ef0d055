package dev.atelier.worker.gan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.atelier.schemas.config.RunConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real Fashion-MNIST, tiny budgets: the full `./atelier gan` pipeline end to end. */
class GanSmokeTest {

    @TempDir
    Path dir;

    @Test
    void oneShortEpochWritesAGridAndAReportWithAllFourQualityFields() throws Exception {
        RunConfig config = RunConfig.resolve(Map.of("gan_arch", "dcgan", "gan_epochs", "1", "max_batches", "3", "gan_batch_size", "32",
                "train_subset", "1000", "seed", "3"));
        GanPipeline.Settings settings = new GanPipeline.Settings(2, 1000, 500, new GanEvaluator.Settings(20, 20, 1, 2, 3));

        GanPipeline.Outcome outcome = GanPipeline.run(config, settings, new DirectoryBlobStore(dir.resolve("cache")), dir.resolve("out"), line -> { });

        BufferedImage grid = ImageIO.read(outcome.grid().toFile());
        assertThat(grid.getHeight()).isEqualTo(10 * 60);
        assertThat(grid.getWidth()).isGreaterThan(10 * 56);
        JsonObject report = new JsonObject(Files.readString(outcome.report()));
        JsonObject quality = report.getJsonObject("quality");
        assertThat(quality.getDouble("gan_test")).isBetween(0.0, 1.0);
        assertThat(quality.getDouble("gan_train")).isBetween(0.0, 1.0);
        JsonArray runs = quality.getJsonArray("gan_train_runs");
        assertThat(runs).hasSize(2); // one accuracy per GAN-train classifier; the report gives their mean and spread
        double a = runs.getDouble(0);
        double b = runs.getDouble(1);
        assertThat(quality.getDouble("gan_train")).isCloseTo((a + b) / 2, within(1e-12));
        assertThat(quality.getDouble("gan_train_std")).isCloseTo(Math.abs(a - b) / Math.sqrt(2), within(1e-12));
        assertThat(quality.getDouble("fid")).isPositive().isFinite();
        assertThat(quality.getString("fid_feature_layer")).contains("fc128");
        assertThat(quality.getDouble("reference_test_accuracy")).isGreaterThan(0.3); // far above chance (0.1) after two tiny epochs
        assertThat(report.getBoolean("trained_now")).isTrue();
        assertThat(report.getInteger("training_images")).isEqualTo(1000);
        assertThat(report.getJsonObject("training").getLong("steps")).isEqualTo(3);
    }
}
