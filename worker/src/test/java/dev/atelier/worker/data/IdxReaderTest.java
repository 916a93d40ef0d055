package dev.atelier.worker.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsGzipAndRawFilesAlike() throws Exception {
        Path gz = IdxFixtures.write(dir.resolve("img.gz"), IdxFixtures.goodImages(20), true);
        Path raw = IdxFixtures.write(dir.resolve("img"), IdxFixtures.goodImages(20), false);
        byte[] a = IdxReader.readImages(gz, 20);
        assertThat(a).hasSize(20 * 784);
        assertThat(Arrays.equals(a, IdxReader.readImages(raw, 20))).isTrue();
        assertThat(a[3 * 784 + 5] & 0xff).isEqualTo(75);
        byte[] labels = IdxReader.readLabels(IdxFixtures.write(dir.resolve("lab.gz"), IdxFixtures.goodLabels(20), true), 20);
        assertThat(labels[13]).isEqualTo((byte) 3);
    }

    @Test
    void truncatedFileIsNamedWithHowToFix() throws Exception {
        Path file = IdxFixtures.write(dir.resolve("train-images-idx3-ubyte.gz"),
                IdxFixtures.images(IdxReader.IMAGES_MAGIC, 20, 28, 28, 19 * 784 + 100), true);
        assertThatThrownBy(() -> IdxReader.readImages(file, 20)).isInstanceOf(DataException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("truncated")
                .hasMessageContaining("apt-get install dataset-fashion-mnist").hasMessageContaining("data_dir=");
    }

    @Test
    void truncatedHeaderIsReported() throws Exception {
        Path file = IdxFixtures.write(dir.resolve("labels"), new byte[] {0, 0, 8, 1, 0}, false);
        assertThatThrownBy(() -> IdxReader.readLabels(file, 20)).isInstanceOf(DataException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("truncated");
    }

    @Test
    void wrongMagicIsReported() throws Exception {
        Path labelsAsImages = IdxFixtures.write(dir.resolve("swapped.gz"), IdxFixtures.goodLabels(20), true);
        assertThatThrownBy(() -> IdxReader.readImages(labelsAsImages, 20)).isInstanceOf(DataException.class)
                .hasMessageContaining(labelsAsImages.toString()).hasMessageContaining("wrong magic number 0x00000801, expected 0x00000803");
    }

    @Test
    void wrongCountAndDimensionsAreReported() throws Exception {
        Path fewer = IdxFixtures.write(dir.resolve("few.gz"), IdxFixtures.goodImages(7), true);
        assertThatThrownBy(() -> IdxReader.readImages(fewer, 20)).hasMessageContaining("holds 7 images, expected 20");
        Path lab = IdxFixtures.write(dir.resolve("lab.gz"), IdxFixtures.goodLabels(7), true);
        assertThatThrownBy(() -> IdxReader.readLabels(lab, 20)).hasMessageContaining("holds 7 labels, expected 20");
        Path wide = IdxFixtures.write(dir.resolve("wide"), IdxFixtures.images(IdxReader.IMAGES_MAGIC, 2, 28, 32, 2 * 28 * 32), false);
        assertThatThrownBy(() -> IdxReader.readImages(wide, 2)).hasMessageContaining("28x32, expected 28x28");
        Path longer = IdxFixtures.write(dir.resolve("long"), IdxFixtures.labels(IdxReader.LABELS_MAGIC, 5, 9), false);
        assertThatThrownBy(() -> IdxReader.readLabels(longer, 5)).hasMessageContaining("more bytes than its header announces");
    }

    @Test
    void missingFileSaysHowToInstall() {
        Path missing = dir.resolve("nope/train-images-idx3-ubyte.gz");
        assertThatThrownBy(() -> IdxReader.readImages(missing, 10)).isInstanceOf(DataException.class)
                .hasMessageContaining(missing + " does not exist").hasMessageContaining("dataset-fashion-mnist");
    }

    @Test
    void explicitDataDirWithoutFilesNamesTheMissingFile() {
        assertThatThrownBy(() -> FashionMnist.load(dir.toString(), false)).isInstanceOf(DataException.class)
                .hasMessageContaining(dir.resolve("train-images-idx3-ubyte.gz").toString());
    }
}
