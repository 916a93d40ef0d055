package dev.atelier.worker.gan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.schemas.config.RunConfig;
import dev.atelier.worker.data.ImageSet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratorCacheTest {
    private static final GanOptions MLP = new GanOptions("mlp", 1, 0.0002, 10, 16, 5, 2);

    @TempDir
    Path dir;

    @Test
    void sameKeyReusesTheStoredGeneratorAndADifferentKeyTrainsANewOne() {
        GeneratorCache cache = new GeneratorCache(new DirectoryBlobStore(dir));
        ImageSet train = TestData.random(4, 1);
        List<String> progress = new ArrayList<>();

        GeneratorCache.Obtained first = cache.obtain(MLP, train, progress::add);
        GeneratorCache.Obtained again = cache.obtain(MLP, train, progress::add);
        GeneratorCache.Obtained otherSeed = cache.obtain(new GanOptions("mlp", 1, 0.0002, 10, 16, 6, 2), train, progress::add);
        GeneratorCache.Obtained otherData = cache.obtain(MLP, TestData.random(4, 2), progress::add);
        try (Generator a = first.generator(); Generator b = again.generator(); Generator c = otherSeed.generator(); Generator d = otherData.generator()) {
            assertThat(first.trained()).isTrue();
            assertThat(again.trained()).isFalse();
            assertThat(again.key()).isEqualTo(first.key());
            assertThat(b.sample(2, 9).pixels()).containsExactly(a.sample(2, 9).pixels());

            assertThat(otherSeed.trained()).isTrue();
            assertThat(otherSeed.key()).isNotEqualTo(first.key());
            assertThat(c.weightChecksum()).isNotEqualTo(a.weightChecksum());
            assertThat(otherData.trained()).isTrue();
            assertThat(otherData.key()).isNotIn(first.key(), otherSeed.key());
        }
        assertThat(progress).anyMatch(line -> line.startsWith("reusing cached generator " + first.key()));
        assertThat(dir.toFile().list()).hasSize(3);
    }

    @Test
    void extenderAddsTheRequestedNumberOfSyntheticImagesPerClassAfterTheRealOnes() {
        ImageSet real = TestData.random(3, 4);
        RunConfig config = RunConfig.resolve(Map.of("augment", "cgan", "gan_arch", "mlp", "gan_epochs", "1", "gan_batch_size", "10",
                "gan_latent_dim", "16", "synthetic_per_class", "7"));
        ImageSet extended = new CganExtender(new GeneratorCache(new DirectoryBlobStore(dir))).extend(config, real, line -> { });

        assertThat(extended.size()).isEqualTo(real.size() + 70);
        assertThat(java.util.Arrays.copyOf(extended.labels(), real.size())).containsExactly(real.labels());
        int[] perClass = new int[ImageSet.CLASSES];
        for (int i = real.size(); i < extended.size(); i++) {
            perClass[extended.labels()[i]]++;
        }
        assertThat(perClass).containsOnly(7);
        for (int i = real.size() * ImageSet.PIXELS; i < extended.pixels().length; i++) {
            assertThat(extended.pixels()[i]).isBetween(0f, 1f);
        }
    }

    @Test
    void teacherLabelsGiveGeneratedImagesProbabilityTargetsAndKeepRealImagesOneHot() {
        // 1,000 real images: the judge then sees its ~30,000 images in 30 epochs of 8 batches (30 images would take 1,000 epochs)
        ImageSet real = TestData.random(100, 5);
        RunConfig config = RunConfig.resolve(Map.of("augment", "cgan", "gan_arch", "mlp", "gan_epochs", "1", "gan_batch_size", "100",
                "gan_latent_dim", "16", "synthetic_per_class", "4", "synthetic_labels", "teacher"));
        ImageSet extended = new CganExtender(new GeneratorCache(new DirectoryBlobStore(dir))).extend(config, real, line -> { });

        assertThat(extended.size()).isEqualTo(real.size() + 40);
        float[] targets = extended.targets();
        assertThat(targets).hasSize(extended.size() * ImageSet.CLASSES);
        for (int i = 0; i < real.size(); i++) {
            for (int c = 0; c < ImageSet.CLASSES; c++) {
                assertThat(targets[i * ImageSet.CLASSES + c]).isEqualTo(c == real.labels()[i] ? 1f : 0f);
            }
        }
        boolean anySoft = false;
        for (int i = real.size(); i < extended.size(); i++) {
            double sum = 0;
            for (int c = 0; c < ImageSet.CLASSES; c++) {
                float p = targets[i * ImageSet.CLASSES + c];
                assertThat(p).isBetween(0f, 1f);
                anySoft |= p > 0.01f && p < 0.99f;
                sum += p;
            }
            assertThat(sum).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-4));
        }
        assertThat(anySoft).as("some generated image has a target that is not one-hot").isTrue();
    }

    @Test
    void augmentNoneLeavesTheTrainingSetUntouched() {
        ImageSet real = TestData.random(2, 4);
        ImageSet same = new CganExtender(new GeneratorCache(new DirectoryBlobStore(dir))).extend(RunConfig.defaults(), real, line -> { });
        assertThat(same).isSameAs(real);
        assertThat(dir.toFile().list()).isNullOrEmpty();
    }
}
