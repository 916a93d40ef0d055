package dev.atelier.worker.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads the IDX files of (Fashion-)MNIST, gzip-compressed or raw, validating the magic number,
 * the dimensions and the length. Every failure is a {@link DataException} naming the file.
 */
public final class IdxReader {
    static final int IMAGES_MAGIC = 0x00000803;
    static final int LABELS_MAGIC = 0x00000801;

    private IdxReader() {
    }

    /** Images as unsigned bytes, row-major, {@code count × rows × cols}. */
    public static byte[] readImages(Path file, int expectedCount) {
        try (DataInputStream in = open(file)) {
            int magic = in.readInt();
            if (magic != IMAGES_MAGIC) {
                throw corrupt(file, String.format("wrong magic number 0x%08X, expected 0x%08X (an idx3 image file)", magic, IMAGES_MAGIC));
            }
            int count = in.readInt();
            int rows = in.readInt();
            int cols = in.readInt();
            if (expectedCount > 0 && count != expectedCount) {
                throw corrupt(file, "holds " + count + " images, expected " + expectedCount);
            }
            if (rows != ImageSet.SIDE || cols != ImageSet.SIDE) {
                throw corrupt(file, "images are " + rows + "x" + cols + ", expected 28x28");
            }
            byte[] pixels = new byte[Math.multiplyExact(count, rows * cols)];
            readFully(in, pixels, file);
            requireEnd(in, file);
            return pixels;
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /** Labels, each checked to be in 0..9. */
    public static byte[] readLabels(Path file, int expectedCount) {
        try (DataInputStream in = open(file)) {
            int magic = in.readInt();
            if (magic != LABELS_MAGIC) {
                throw corrupt(file, String.format("wrong magic number 0x%08X, expected 0x%08X (an idx1 label file)", magic, LABELS_MAGIC));
            }
            int count = in.readInt();
            if (expectedCount > 0 && count != expectedCount) {
                throw corrupt(file, "holds " + count + " labels, expected " + expectedCount);
            }
            byte[] labels = new byte[count];
            readFully(in, labels, file);
            requireEnd(in, file);
            for (int i = 0; i < count; i++) {
                if (labels[i] < 0 || labels[i] >= ImageSet.CLASSES) {
                    throw corrupt(file, "label " + labels[i] + " at index " + i + " is not a class in 0..9");
                }
            }
            return labels;
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new DataException(file + " does not exist. " + DataException.HOW_TO_FIX);
        }
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        raw.mark(2);
        int b1 = raw.read();
        int b2 = raw.read();
        raw.reset();
        boolean gzip = b1 == 0x1f && b2 == 0x8b;
        return new DataInputStream(gzip ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16) : raw);
    }

    private static void readFully(DataInputStream in, byte[] into, Path file) throws IOException {
        try {
            in.readFully(into);
        } catch (EOFException e) {
            throw corrupt(file, "is truncated: expected " + into.length + " data bytes after the header");
        }
    }

    private static void requireEnd(DataInputStream in, Path file) throws IOException {
        if (in.read() != -1) {
            throw corrupt(file, "has more bytes than its header announces");
        }
    }

    private static DataException corrupt(Path file, String what) {
        return new DataException(file + " " + what + ". The file is corrupt or not a Fashion-MNIST IDX file. " + DataException.HOW_TO_FIX);
    }

    private static DataException unreadable(Path file, IOException e) {
        if (e instanceof EOFException) {
            return corrupt(file, "is truncated (ends inside its header)");
        }
        return new DataException(file + " cannot be read (" + e.getMessage() + "). " + DataException.HOW_TO_FIX, e);
    }
}
