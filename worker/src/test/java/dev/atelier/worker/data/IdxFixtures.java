package dev.atelier.worker.data;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small IDX files for tests: {@code count} images whose pixels encode their label. */
final class IdxFixtures {
    private IdxFixtures() {
    }

    static byte[] images(int magic, int count, int rows, int cols, int dataBytes) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(magic);
        out.writeInt(count);
        out.writeInt(rows);
        out.writeInt(cols);
        for (int i = 0; i < dataBytes; i++) {
            out.writeByte((i / (rows * cols)) % 10 * 25);
        }
        return bytes.toByteArray();
    }

    static byte[] labels(int magic, int count, int dataBytes) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(magic);
        out.writeInt(count);
        for (int i = 0; i < dataBytes; i++) {
            out.writeByte(i % 10);
        }
        return bytes.toByteArray();
    }

    static byte[] goodImages(int count) throws IOException {
        return images(IdxReader.IMAGES_MAGIC, count, 28, 28, count * 784);
    }

    static byte[] goodLabels(int count) throws IOException {
        return labels(IdxReader.LABELS_MAGIC, count, count);
    }

    static Path write(Path file, byte[] content, boolean gzip) throws IOException {
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
            out.write(content);
        }
        return file;
    }
}
