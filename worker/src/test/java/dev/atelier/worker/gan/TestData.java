package dev.atelier.worker.gan;

import dev.atelier.worker.data.ImageSet;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPInputStream;

/** Small image sets for tests: random noise, or the first images of the real Fashion-MNIST IDX files. */
final class TestData {
    static final Path FASHION = Path.of("/usr/share/datasets/fashion-mnist");

    private TestData() {
    }

    /** {@code perClass} random images of every class. */
    static ImageSet random(int perClass, long seed) {
        Random r = new Random(seed);
        int n = perClass * ImageSet.CLASSES;
        float[] px = new float[n * ImageSet.PIXELS];
        for (int i = 0; i < px.length; i++) {
            px[i] = r.nextFloat();
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % ImageSet.CLASSES;
        }
        return new ImageSet(px, labels);
    }

    /** The first {@code n} images of the real training ({@code prefix = "train"}) or test ({@code "t10k"}) file. */
    static ImageSet fashion(String prefix, int n) throws IOException {
        float[] px = new float[n * ImageSet.PIXELS];
        int[] labels = new int[n];
        try (DataInputStream in = open(prefix + "-images-idx3-ubyte.gz")) {
            in.skipNBytes(16);
            byte[] raw = in.readNBytes(n * ImageSet.PIXELS);
            for (int i = 0; i < raw.length; i++) {
                px[i] = (raw[i] & 0xff) / 255f;
            }
        }
        try (DataInputStream in = open(prefix + "-labels-idx1-ubyte.gz")) {
            in.skipNBytes(8);
            byte[] raw = in.readNBytes(n);
            for (int i = 0; i < n; i++) {
                labels[i] = raw[i];
            }
        }
        return new ImageSet(px, labels);
    }

    private static DataInputStream open(String name) throws IOException {
        InputStream raw = Files.newInputStream(FASHION.resolve(name));
        return new DataInputStream(new GZIPInputStream(raw, 1 << 16));
    }
}
