package dev.atelier.worker.training;

import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * Optimizer updates for parameters in CPU memory, computed in one pass over each tensor. DJL 0.36's PyTorch engine
 * has no fused or multi-tensor optimizer: its Adam clones the gradient and makes five temporaries (about 30 passes
 * over the parameter's memory, then one more to zero the gradient), which was half the time of a small-batch FCN
 * step. Here each parameter is read and written once, through direct buffers that alias the tensors' storage, in
 * chunks small enough for the working copies to stay in L1 cache; the gradient is zeroed in the same pass.
 *
 * <p>The arithmetic is that of {@link ParamOptimizer}'s native path (DJL's kernels), so both give the same updates up to
 * float rounding.
 */
final class HostKernels {
    private static final int CHUNK = 2048;
    private static final float[] ZEROS = new float[CHUNK];

    private final float[] gs = new float[CHUNK];
    private final float[] ws = new float[CHUNK];
    private final float[] ms = new float[CHUNK];
    private final float[] vs = new float[CHUNK];

    /**
     * Adam: {@code g += l2·w; m = β1·m + (1−β1)·g; v = β2·v + (1−β2)·g²; w = decay·w − stepSize·m / (√v + ε)};
     * {@code decay} is AdamW's {@code 1 − lr·wd} (1 for Adam), {@code stepSize} includes the bias correction.
     */
    void adam(FloatBuffer w, FloatBuffer g, FloatBuffer m, FloatBuffer v, float l2, float decay, float stepSize,
              float beta1, float beta2, float eps) {
        int n = sameSize(w, g, m, v);
        float oneMinusBeta1 = 1 - beta1;
        float oneMinusBeta2 = 1 - beta2;
        for (int off = 0; off < n; off += CHUNK) {
            int len = Math.min(CHUNK, n - off);
            g.get(off, gs, 0, len);
            w.get(off, ws, 0, len);
            m.get(off, ms, 0, len);
            v.get(off, vs, 0, len);
            for (int i = 0; i < len; i++) {
                float gi = gs[i] + l2 * ws[i];
                float mi = beta1 * ms[i] + oneMinusBeta1 * gi;
                float vi = beta2 * vs[i] + oneMinusBeta2 * gi * gi;
                ms[i] = mi;
                vs[i] = vi;
                ws[i] = decay * ws[i] - stepSize * mi / ((float) Math.sqrt(vi) + eps);
            }
            m.put(off, ms, 0, len);
            v.put(off, vs, 0, len);
            w.put(off, ws, 0, len);
            g.put(off, ZEROS, 0, len);
        }
    }

    /**
     * SGD as DJL's kernel: {@code g = lr·(g + wd·w)}; with momentum {@code buf = μ·buf + g; w −= buf}, else
     * {@code w −= g}. {@code buf} is null without momentum.
     */
    void sgd(FloatBuffer w, FloatBuffer g, FloatBuffer buf, float lr, float wd, float momentum) {
        int n = sameSize(w, g, buf);
        for (int off = 0; off < n; off += CHUNK) {
            int len = Math.min(CHUNK, n - off);
            g.get(off, gs, 0, len);
            w.get(off, ws, 0, len);
            if (buf == null) {
                for (int i = 0; i < len; i++) {
                    ws[i] -= lr * (gs[i] + wd * ws[i]);
                }
            } else {
                buf.get(off, ms, 0, len);
                for (int i = 0; i < len; i++) {
                    float b = momentum * ms[i] + lr * (gs[i] + wd * ws[i]);
                    ms[i] = b;
                    ws[i] -= b;
                }
                buf.put(off, ms, 0, len);
            }
            w.put(off, ws, 0, len);
            g.put(off, ZEROS, 0, len);
        }
    }

    /** Nesterov SGD as in {@code torch.optim.SGD}: {@code g += wd·w; buf = μ·buf + g; w −= lr·(g + μ·buf)}. */
    void nesterov(FloatBuffer w, FloatBuffer g, FloatBuffer buf, float lr, float wd, float momentum) {
        int n = sameSize(w, g, buf);
        for (int off = 0; off < n; off += CHUNK) {
            int len = Math.min(CHUNK, n - off);
            g.get(off, gs, 0, len);
            w.get(off, ws, 0, len);
            buf.get(off, ms, 0, len);
            for (int i = 0; i < len; i++) {
                float gi = gs[i] + wd * ws[i];
                float b = momentum * ms[i] + gi;
                ms[i] = b;
                ws[i] -= lr * (gi + momentum * b);
            }
            buf.put(off, ms, 0, len);
            w.put(off, ws, 0, len);
            g.put(off, ZEROS, 0, len);
        }
    }

    /** The common length of the buffers (null ones, such as absent momentum, are skipped). */
    private static int sameSize(FloatBuffer... buffers) {
        int n = buffers[0].limit();
        for (FloatBuffer b : buffers) {
            if (b != null && b.limit() != n) {
                throw new IllegalArgumentException("parameter, gradient and optimizer state differ in size: "
                        + Arrays.stream(buffers).map(x -> x == null ? "-" : String.valueOf(x.limit())).toList());
            }
        }
        return n;
    }
}
