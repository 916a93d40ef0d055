package dev.atelier.worker.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import dev.atelier.schemas.config.RunConfig;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * SGD (momentum, Nesterov), Adam and AdamW over a fixed list of parameters, using PyTorch's fused per-tensor update
 * kernels where DJL exposes them. Unlike DJL's optimizers it owns its state (moments, step count), so the state
 * goes into checkpoints and a resumed run continues exactly.
 */
final class ParamOptimizer implements AutoCloseable {
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPS = 1e-8f;

    private final String kind;
    private final float weightDecay;
    private final float momentum;
    private final boolean nesterov;
    private final List<NDArray> weights = new ArrayList<>();
    private final List<NDArray> first = new ArrayList<>();
    private final List<NDArray> second = new ArrayList<>();
    private final NDList[] weightLists;
    private long steps;

    ParamOptimizer(RunConfig config, List<Parameter> parameters) {
        this.kind = config.getString("optimizer");
        this.weightDecay = (float) config.getDouble("weight_decay");
        this.momentum = (float) config.getDouble("momentum");
        this.nesterov = config.getBool("nesterov");
        boolean needsFirst = !"sgd".equals(kind) || momentum > 0;
        for (Parameter p : parameters) {
            NDArray w = p.getArray();
            weights.add(w);
            first.add(needsFirst ? w.zerosLike() : null);
            second.add("sgd".equals(kind) ? null : w.zerosLike());
        }
        weightLists = weights.stream().map(NDList::new).toArray(NDList[]::new);
    }

    long steps() {
        return steps;
    }

    /** One update of every parameter from its accumulated gradient, which is then zeroed. */
    void step(double lr) {
        try (NoGrad ignored = NoGrad.open()) {
            update(lr);
        }
    }

    private void update(double lr) {
        steps++;
        float rate = (float) lr;
        for (int i = 0; i < weights.size(); i++) {
            NDArray w = weights.get(i);
            try (NDArray grad = w.getGradient()) {
                switch (kind) {
                    case "adam", "adamw" -> {
                        double c1 = 1 - Math.pow(BETA1, steps);
                        double c2 = 1 - Math.pow(BETA2, steps);
                        float corrected = (float) (lr * Math.sqrt(c2) / c1);
                        boolean decoupled = "adamw".equals(kind);
                        if (decoupled && weightDecay > 0) {
                            // DJL's native AdamW decays through two temporaries (w - w*lr*wd); one in-place scale
                            // is the same update with a third of the memory traffic.
                            w.muli(1f - rate * weightDecay);
                        }
                        w.getNDArrayInternal().adamUpdate(new NDList(w, grad, first.get(i), second.get(i)), weightLists[i],
                                rate, corrected, decoupled ? 0f : weightDecay, 1f, -1f, BETA1, BETA2, EPS, true, false);
                    }
                    default -> sgd(w, grad, first.get(i), rate, i);
                }
            }
        }
    }

    private void sgd(NDArray w, NDArray grad, NDArray buf, float lr, int i) {
        if (!nesterov || buf == null) {
            NDList inputs = buf == null ? new NDList(w, grad) : new NDList(w, grad, buf);
            w.getNDArrayInternal().sgdUpdate(inputs, weightLists[i], lr, weightDecay, 1f, -1f, momentum, true);
            return;
        }
        // Nesterov as in torch.optim.SGD: g += wd*w; buf = m*buf + g; w -= lr * (g + m*buf)
        if (weightDecay > 0) {
            grad.addi(w.mul(weightDecay));
        }
        buf.muli(momentum).addi(grad);
        try (NDArray step = buf.mul(momentum).addi(grad).muli(lr)) {
            w.subi(step);
        }
        grad.subi(grad);
    }

    void save(DataOutputStream out) throws IOException {
        out.writeLong(steps);
        writeAll(out, first);
        writeAll(out, second);
    }

    void load(DataInputStream in, NDManager manager) throws IOException {
        steps = in.readLong();
        readAll(in, first);
        readAll(in, second);
    }

    private static void writeAll(DataOutputStream out, List<NDArray> arrays) throws IOException {
        for (NDArray a : arrays) {
            if (a != null) {
                byte[] raw = a.toByteArray();
                out.writeInt(raw.length);
                out.write(raw);
            }
        }
    }

    private static void readAll(DataInputStream in, List<NDArray> arrays) throws IOException {
        for (NDArray a : arrays) {
            if (a != null) {
                byte[] raw = new byte[in.readInt()];
                if (raw.length != a.size() * Float.BYTES) {
                    throw new IOException("optimizer state has " + raw.length + " bytes for a parameter of " + a.size() + " floats");
                }
                in.readFully(raw);
                a.set(java.nio.ByteBuffer.wrap(raw).order(java.nio.ByteOrder.nativeOrder()).asFloatBuffer());
            }
        }
    }

    @Override
    public void close() {
        first.forEach(a -> {
            if (a != null) {
                a.close();
            }
        });
        second.forEach(a -> {
            if (a != null) {
                a.close();
            }
        });
    }
}
