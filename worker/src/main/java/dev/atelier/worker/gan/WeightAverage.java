package dev.atelier.worker.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;
import dev.atelier.worker.training.HostKernels;
import dev.atelier.worker.training.HostMemory;
import dev.atelier.worker.training.NoGrad;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * An exponential moving average of parameters (the generator averaging of ProGAN, StyleGAN and BigGAN): the
 * average of the last ~1/(1−decay) generator iterates gives cleaner, more faithful samples than the last iterate,
 * whose weights still move with every discriminator update. Early on the decay is lowered ({@code (1+t)/(10+t)})
 * so the random initial weights do not linger in the average.
 *
 * <p>On the CPU the update runs in Java over direct views of the tensors' memory, one pass per tensor, instead of three
 * PyTorch operations (and two temporaries) per tensor ({@link HostKernels#average}); the float arithmetic is the same, so
 * are the averages, bit for bit.
 */
final class WeightAverage implements AutoCloseable {
    private static final NDIndex ALL = new NDIndex("...");
    private final double decay;
    private final List<NDArray> weights = new ArrayList<>();
    private final List<NDArray> averages = new ArrayList<>();
    /** Views of the weights and averages when all are in CPU memory; null otherwise (PyTorch operations then). */
    private final FloatBuffer[] hostWeights;
    private final FloatBuffer[] hostAverages;
    private final HostKernels kernels = new HostKernels();
    private long updates;

    WeightAverage(List<Parameter> parameters, double decay) {
        this.decay = decay;
        try (NoGrad ignored = NoGrad.open()) {
            for (Parameter p : parameters) {
                weights.add(p.getArray());
                averages.add(p.getArray().duplicate());
            }
        }
        FloatBuffer[] w = new FloatBuffer[weights.size()];
        FloatBuffer[] a = new FloatBuffer[weights.size()];
        boolean host = true;
        for (int i = 0; i < weights.size() && host; i++) {
            host = HostMemory.onHost(weights.get(i));
            w[i] = host ? HostMemory.view(weights.get(i)) : null;
            a[i] = host ? HostMemory.view(averages.get(i)) : null;
            host = w[i] != null && a[i] != null;
        }
        hostWeights = host ? w : null;
        hostAverages = host ? a : null;
    }

    /** Moves the average towards the current weights: {@code average += (weight − average) · (1 − decay)}. */
    void update() {
        updates++;
        float d = (float) Math.min(decay, (1.0 + updates) / (10.0 + updates));
        float rate = 1f - d;
        if (hostWeights != null) {
            for (int i = 0; i < hostWeights.length; i++) {
                kernels.average(hostWeights[i], hostAverages[i], rate);
            }
            return;
        }
        try (NoGrad ignored = NoGrad.open()) {
            for (int i = 0; i < weights.size(); i++) {
                try (NDArray step = weights.get(i).sub(averages.get(i)).muli(rate)) {
                    averages.get(i).addi(step);
                }
            }
        }
    }

    /** True when updates run in Java over the tensors' memory. */
    boolean onHost() {
        return hostWeights != null;
    }

    /** Overwrites the weights with their average. */
    void copyIntoWeights() {
        try (NoGrad ignored = NoGrad.open()) {
            for (int i = 0; i < weights.size(); i++) {
                weights.get(i).set(ALL, averages.get(i));
            }
        }
    }

    @Override
    public void close() {
        averages.forEach(NDArray::close);
    }
}
