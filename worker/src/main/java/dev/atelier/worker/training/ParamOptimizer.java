package dev.atelier.worker.training;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.atelier.schemas.config.RunConfig;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SGD (momentum, Nesterov), Adam and AdamW over a fixed list of parameters. On the CPU every tensor is updated in one
 * pass by {@link HostKernels}; elsewhere (GPU) DJL's per-tensor native kernels run. Unlike DJL's optimizers it owns
 * its state (moments, step count), so the state goes into checkpoints and a resumed run continues exactly.
 */
public final class ParamOptimizer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ParamOptimizer.class);
    private static final float EPS = 1e-8f;

    private final String kind;
    private final float beta1;
    private final float beta2;
    private final float weightDecay;
    private final float momentum;
    private final boolean nesterov;
    private final List<NDArray> weights = new ArrayList<>();
    private final List<NDArray> first = new ArrayList<>();
    private final List<NDArray> second = new ArrayList<>();
    private final NDList[] weightLists;
    private final HostKernels kernels = new HostKernels();
    private FloatBuffer[] hostWeights;
    private FloatBuffer[] hostFirst;
    private FloatBuffer[] hostSecond;
    private boolean gradientsChecked;
    private long steps;

    ParamOptimizer(RunConfig config, List<Parameter> parameters) {
        this(config, parameters, true);
    }

    /** {@code hostKernels=false} keeps DJL's native kernels even on the CPU (to compare the two in tests). */
    ParamOptimizer(RunConfig config, List<Parameter> parameters, boolean hostKernels) {
        this(config.getString("optimizer"), (float) config.getDouble("weight_decay"), (float) config.getDouble("momentum"),
                config.getBool("nesterov"), 0.9f, 0.999f, parameters, hostKernels);
    }

    /** The trainable parameters (weights, biases, batch-norm scales) of the blocks, in order: what an optimizer updates. */
    public static List<Parameter> trainableParameters(Block... blocks) {
        List<Parameter> params = new ArrayList<>();
        for (Block block : blocks) {
            for (Pair<String, Parameter> p : block.getParameters()) {
                if (p.getValue().requiresGradient()) {
                    params.add(p.getValue());
                }
            }
        }
        return params;
    }

    /** Adam without weight decay, with the given betas (a GAN uses β1 = 0.5). */
    public static ParamOptimizer adam(List<Parameter> parameters, float beta1, float beta2) {
        return new ParamOptimizer("adam", 0f, 0f, false, beta1, beta2, parameters, true);
    }

    private ParamOptimizer(String kind, float weightDecay, float momentum, boolean nesterov, float beta1, float beta2,
                           List<Parameter> parameters, boolean hostKernels) {
        this.kind = kind;
        this.weightDecay = weightDecay;
        this.momentum = momentum;
        this.nesterov = nesterov;
        this.beta1 = beta1;
        this.beta2 = beta2;
        boolean needsFirst = !"sgd".equals(kind) || momentum > 0;
        for (Parameter p : parameters) {
            NDArray w = p.getArray();
            weights.add(w);
            first.add(needsFirst ? w.zerosLike() : null);
            second.add("sgd".equals(kind) ? null : w.zerosLike());
        }
        weightLists = weights.stream().map(NDList::new).toArray(NDList[]::new);
        if (hostKernels && weights.stream().allMatch(ParamOptimizer::onHost)) {
            mapHostState();
        }
    }

    /** True when steps run in {@link HostKernels} rather than in DJL's native per-tensor kernels. */
    boolean onHost() {
        return hostWeights != null;
    }

    private static boolean onHost(NDArray a) {
        return a.getDevice().getDeviceType().equals(Device.Type.CPU) && a.getDataType() == DataType.FLOAT32;
    }

    /** Direct views of the weights and moments; if any tensor would only be copied, keeps the native kernels. */
    private void mapHostState() {
        FloatBuffer[] w = new FloatBuffer[weights.size()];
        FloatBuffer[] m = new FloatBuffer[weights.size()];
        FloatBuffer[] v = new FloatBuffer[weights.size()];
        for (int i = 0; i < weights.size(); i++) {
            w[i] = view(weights.get(i));
            m[i] = first.get(i) == null ? null : view(first.get(i));
            v[i] = second.get(i) == null ? null : view(second.get(i));
            if (w[i] == null || (first.get(i) != null && m[i] == null) || (second.get(i) != null && v[i] == null)) {
                LOG.warn("a parameter's memory cannot be updated in place; using DJL's optimizer kernels");
                hostWeights = null;
                return;
            }
        }
        hostWeights = w;
        hostFirst = m;
        hostSecond = v;
    }

    /**
     * A float view of {@code a}'s own storage, or null if DJL would hand out a copy (a non-contiguous tensor): checked
     * by changing the first element through the view and reading it back through the tensor.
     */
    private static FloatBuffer view(NDArray a) {
        FloatBuffer view = a.toByteBuffer(true).asFloatBuffer();
        if (view.limit() == 0) {
            return view;
        }
        float old = view.get(0);
        float probe = old == 1f ? 2f : 1f;
        view.put(0, probe);
        try (NDArray flat = a.reshape(-1); NDArray head = flat.get(0)) {
            boolean aliased = head.getFloat() == probe;
            view.put(0, old);
            return aliased ? view : null;
        }
    }

    long steps() {
        return steps;
    }

    /** One update of every parameter from its accumulated gradient, which is then zeroed. */
    public void step(double lr) {
        try (NoGrad ignored = NoGrad.open()) {
            update(lr);
        }
    }

    private void update(double lr) {
        steps++;
        float rate = (float) lr;
        // Adam's step size with both bias corrections folded in (ε is then added to √v unscaled, as DJL's kernel does)
        float adamStep = (float) (rate * Math.sqrt(1 - Math.pow(beta2, steps)) / (1 - Math.pow(beta1, steps)));
        if (onHost()) {
            updateOnHost(rate, adamStep);
        } else {
            updateNative(rate, adamStep);
        }
    }

    private void updateNative(float rate, float adamStep) {
        for (int i = 0; i < weights.size(); i++) {
            NDArray w = weights.get(i);
            try (NDArray grad = w.getGradient()) {
                switch (kind) {
                    case "adam", "adamw" -> {
                        boolean decoupled = "adamw".equals(kind);
                        if (decoupled && weightDecay > 0) {
                            // DJL's native AdamW decays through two temporaries (w - w*lr*wd); one in-place scale
                            // is the same update with a third of the memory traffic.
                            w.muli(1f - rate * weightDecay);
                        }
                        w.getNDArrayInternal().adamUpdate(new NDList(w, grad, first.get(i), second.get(i)), weightLists[i],
                                rate, adamStep, decoupled ? 0f : weightDecay, 1f, -1f, beta1, beta2, EPS, true, false);
                    }
                    default -> sgd(w, grad, first.get(i), rate, i);
                }
            }
        }
    }

    private void updateOnHost(float lr, float adamStep) {
        for (int i = 0; i < weights.size(); i++) {
            try (NDArray grad = weights.get(i).getGradient()) {
                FloatBuffer g = gradientsChecked ? grad.toByteBuffer(true).asFloatBuffer() : checkedView(grad);
                switch (kind) {
                    case "adam" -> kernels.adam(hostWeights[i], g, hostFirst[i], hostSecond[i], weightDecay, 1f, adamStep,
                            beta1, beta2, EPS);
                    case "adamw" -> kernels.adam(hostWeights[i], g, hostFirst[i], hostSecond[i], 0f, 1f - lr * weightDecay,
                            adamStep, beta1, beta2, EPS);
                    default -> {
                        if (nesterov && hostFirst[i] != null) {
                            kernels.nesterov(hostWeights[i], g, hostFirst[i], lr, weightDecay, momentum);
                        } else {
                            kernels.sgd(hostWeights[i], g, hostFirst[i], lr, weightDecay, momentum);
                        }
                    }
                }
            }
        }
        gradientsChecked = true;
    }

    /** The first step checks that gradients are updated (zeroed) in place, as every tensor PyTorch's autograd gives. */
    private static FloatBuffer checkedView(NDArray grad) {
        FloatBuffer view = view(grad);
        if (view == null) {
            throw new IllegalStateException("a gradient is not contiguous in memory; the host optimizer cannot zero it");
        }
        return view;
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
        if (onHost()) {
            mapHostState(); // in case setting the values gave a tensor new storage
        }
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
