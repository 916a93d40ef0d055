package dev.atelier.worker.training;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a run has done so far, and the bytes of a {@link Checkpoint}: epoch, metric history, early-stopping state,
 * the current and the best parameters, and the optimizer state.
 */
final class TrainingState {
    private static final int MAGIC = 0x41544b31; // "ATK1"

    final String architecture;
    int epoch;
    final List<EpochMetrics> history = new ArrayList<>();
    int bestEpoch;
    double bestValAcc = -1;
    int epochsWithoutImprovement;
    double secondsSoFar;
    byte[] bestParams;
    byte[] params;
    byte[] optimizer;

    TrainingState(String architecture) {
        this.architecture = architecture;
    }

    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(params.length * 2 + optimizer.length + 4096);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeUTF(architecture);
            out.writeInt(epoch);
            out.writeInt(history.size());
            for (EpochMetrics m : history) {
                out.writeInt(m.epoch());
                for (double v : new double[] {m.trainLoss(), m.trainAcc(), m.valLoss(), m.valAcc(), m.lr(), m.epochSeconds(), m.imagesPerSecond()}) {
                    out.writeDouble(v);
                }
            }
            out.writeInt(bestEpoch);
            out.writeDouble(bestValAcc);
            out.writeInt(epochsWithoutImprovement);
            out.writeDouble(secondsSoFar);
            writeBlob(out, bestParams);
            writeBlob(out, params);
            writeBlob(out, optimizer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static TrainingState decode(byte[] data, String expectedArchitecture) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            if (in.readInt() != MAGIC) {
                throw new IllegalArgumentException("checkpoint was not written by this engine");
            }
            TrainingState s = new TrainingState(in.readUTF());
            if (!s.architecture.equals(expectedArchitecture)) {
                throw new IllegalArgumentException("checkpoint is of architecture=" + s.architecture + ", run has " + expectedArchitecture);
            }
            s.epoch = in.readInt();
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                s.history.add(new EpochMetrics(in.readInt(), in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(),
                        in.readDouble(), in.readDouble(), in.readDouble()));
            }
            s.bestEpoch = in.readInt();
            s.bestValAcc = in.readDouble();
            s.epochsWithoutImprovement = in.readInt();
            s.secondsSoFar = in.readDouble();
            s.bestParams = readBlob(in);
            s.params = readBlob(in);
            s.optimizer = readBlob(in);
            return s;
        } catch (IOException e) {
            throw new IllegalArgumentException("checkpoint is truncated or corrupt: " + e.getMessage(), e);
        }
    }

    private static void writeBlob(DataOutputStream out, byte[] blob) throws IOException {
        out.writeInt(blob.length);
        out.write(blob);
    }

    private static byte[] readBlob(DataInputStream in) throws IOException {
        byte[] blob = new byte[in.readInt()];
        in.readFully(blob);
        return blob;
    }
}
