package dev.atelier.worker.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import dev.atelier.worker.training.NoGrad;
import java.util.ArrayList;
import java.util.List;

/**
 * An exponential moving average of parameters (the generator averaging of ProGAN, StyleGAN and BigGAN): the
 * average of the last ~1/(1−decay) generator iterates gives cleaner, more faithful samples than the last iterate,
 * whose weights still move with every discriminator update. Early on the decay is lowered ({@code (1+t)/(10+t)})
 * so the random initial weights do not linger in the average.
 */
final class WeightAverage implements AutoCloseable {
    private final double decay;
    private final List<NDArray> weights = new ArrayList<>();
    private final List<NDArray> averages = new ArrayList<>();
    private long updates;

    WeightAverage(List<Parameter> parameters, double decay) {
        this.decay = decay;
        try (NoGrad ignored = NoGrad.open()) {
            for (Parameter p : parameters) {
                weights.add(p.getArray());
                averages.add(p.getArray().duplicate());
            }
        }
    }

    /** Moves the average towards the current weights. */
    void update() {
        updates++;
        float d = (float) Math.min(decay, (1.0 + updates) / (10.0 + updates));
        try (NoGrad ignored = NoGrad.open()) {
            for (int i = 0; i < weights.size(); i++) {
                try (NDArray step = weights.get(i).sub(averages.get(i)).muli(1f - d)) {
                    averages.get(i).addi(step);
                }
            }
        }
    }

    /** The running averages themselves (live arrays, for {@link Snapshot}). */
    List<NDArray> averages() {
        return List.copyOf(averages);
    }

    /** Overwrites the weights with their average. */
    void copyIntoWeights() {
        Snapshot.copyValues(averages, weights);
    }

    @Override
    public void close() {
        averages.forEach(NDArray::close);
    }
}
