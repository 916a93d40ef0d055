package dev.atelier.worker.artifacts;

import dev.atelier.worker.training.Checkpoint;
import io.vertx.core.buffer.Buffer;

/**
 * The stored form of a checkpoint: magic {@code ATCK}, format version, the attempt that wrote it, the epoch,
 * then the engine's opaque bytes. The attempt lets a redelivered run resume only its own attempt's progress.
 */
public final class CheckpointCodec {
    private static final int MAGIC = 0x4154434B; // "ATCK"
    private static final int VERSION = 1;
    private static final int HEADER = 16;

    /** A checkpoint together with the attempt that wrote it. */
    public record Stored(int attempt, Checkpoint checkpoint) {
    }

    private CheckpointCodec() {
    }

    public static Buffer encode(int attempt, Checkpoint checkpoint) {
        return Buffer.buffer(HEADER + checkpoint.data().length)
                .appendInt(MAGIC).appendInt(VERSION).appendInt(attempt).appendInt(checkpoint.epoch())
                .appendBytes(checkpoint.data());
    }

    /** @throws IllegalArgumentException when the bytes are not a checkpoint written by this codec */
    public static Stored decode(Buffer buf) {
        if (buf.length() < HEADER || buf.getInt(0) != MAGIC) {
            throw new IllegalArgumentException("not an Atelier checkpoint (" + buf.length() + " bytes, bad header)");
        }
        if (buf.getInt(4) != VERSION) {
            throw new IllegalArgumentException("checkpoint format version " + buf.getInt(4) + " is not supported (expected " + VERSION + ")");
        }
        return new Stored(buf.getInt(8), new Checkpoint(buf.getInt(12), buf.getBytes(HEADER, buf.length())));
    }
}
