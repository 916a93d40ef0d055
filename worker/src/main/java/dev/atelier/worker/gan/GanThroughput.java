package dev.atelier.worker.gan;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.atelier.worker.data.ImageSet;
import dev.atelier.worker.training.ExclusiveGradientCollector;
import dev.atelier.worker.training.ParamOptimizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * {@code ./atelier gan --throughput}: training images/s of one GAN iteration against plain classifier
 * training steps of the same layers, at the same batch size, interleaved so all see the same machine load.
 *
 * <ul>
 *   <li>{@code classifier G+D}: the generator's layers followed by the discriminator's, trained as one
 *       ordinary network (forward, backward, Adam on all weights), input (z, label), same outputs and losses. It has
 *       exactly the GAN's layer sizes; a GAN iteration needs two more discriminator passes than this
 *       (real images, and the detached fakes for the discriminator's own update).</li>
 *   <li>{@code classifier D}: the discriminator's layers alone as a classifier of real images.</li>
 *   <li>{@code gan iteration}: {@link ConditionalGan#iterate}; images/s counts real images.</li>
 * </ul>
 * Each figure is the median over rounds of the mean time per batch; the first round is a discarded warm-up. The order of
 * the three steps rotates from round to round, so with a multiple of 3 rounds each step runs first, second and third
 * equally often: with a fixed order the GAN iteration, always third, took ~1 ms (3%) more than when it ran first.
 */
public final class GanThroughput {
    /** The comparison steps' Adam rate (the value does not change their cost). */
    private static final double LR = 2e-4;

    /** Median milliseconds per batch and images per second of each measured step, in measurement order. */
    public record Result(String arch, int batchSize, Map<String, Double> millisPerBatch) {
        public double imagesPerSecond(String step) {
            return batchSize * 1000.0 / millisPerBatch.get(step);
        }

        /** How many times slower per image a GAN iteration is than a classifier step of {@code step}. */
        public double ganSlowdownVersus(String step) {
            return millisPerBatch.get(GAN) / millisPerBatch.get(step);
        }
    }

    public static final String STACKED = "classifier G+D";
    public static final String DISCRIMINATOR = "classifier D";
    public static final String GAN = "gan iteration";
    private static final String[] STEPS = {STACKED, DISCRIMINATOR, GAN};

    private GanThroughput() {
    }

    public static Result measure(GanOptions options, int rounds, int batchesPerRound, Consumer<String> progress) {
        int b = options.batchSize();
        ImageSet data = noiseBatch(b, options.seed());
        float[] pixels = data.pixels();
        int[] labels = data.labels();
        Map<String, List<Double>> times = new LinkedHashMap<>();
        for (String step : STEPS) {
            times.put(step, new ArrayList<>());
        }
        try (ConditionalGan gan = new ConditionalGan(options); Generator g = gan.generator();
             ConditionalGan stacked = new ConditionalGan(options); Generator sg = stacked.generator();
             ParamOptimizer stackedAdam = ParamOptimizer.adam(ParamOptimizer.trainableParameters(stacked.discriminator(), sg.block()), 0.5f, 0.999f);
             ParamOptimizer discriminatorAdam = ParamOptimizer.adam(ParamOptimizer.trainableParameters(stacked.discriminator()), 0.5f, 0.999f)) {
            for (int round = 0; round <= rounds; round++) {
                for (int k = 0; k < STEPS.length; k++) {
                    String step = STEPS[(round + k) % STEPS.length]; // each step in each position equally often
                    long start = System.nanoTime();
                    for (int i = 0; i < batchesPerRound; i++) {
                        try (NDManager batch = g.manager().newSubManager()) {
                            NDArray real = Batches.images(batch, pixels, b);
                            NDArray onehot = Batches.oneHot(batch, labels);
                            NDArray loss = switch (step) {
                                case STACKED -> stackedStep(stacked, stackedAdam, onehot);
                                case DISCRIMINATOR -> discriminatorClassifierStep(stacked, discriminatorAdam, real, onehot);
                                default -> gan.iterate(real, onehot);
                            };
                            if (i == batchesPerRound - 1) {
                                loss.toFloatArray(); // one read-back per round, as the trainer does every few batches
                            }
                        }
                    }
                    double ms = (System.nanoTime() - start) / 1e6 / batchesPerRound;
                    if (round > 0) {
                        times.get(step).add(ms);
                        progress.accept(String.format("round %d/%d %-15s %7.1f ms/batch %7.0f img/s", round, rounds, step, ms, b * 1000 / ms));
                    }
                }
            }
        }
        Map<String, Double> medians = new LinkedHashMap<>();
        times.forEach((step, list) -> medians.put(step, median(list)));
        return new Result(options.arch(), b, medians);
    }

    /** One ordinary training step of the network G → D (z and label in, one logit out): forward, backward, Adam on both. */
    static NDArray stackedStep(ConditionalGan net, ParamOptimizer adam, NDArray onehot) {
        NDArray loss;
        try (GradientCollector collector = ExclusiveGradientCollector.open(Engine.getInstance())) {
            NDArray z = onehot.getManager().randomNormal(new Shape(onehot.getShape().get(0), net.generator().latentDim()));
            NDArray out = net.discriminate(net.generator().forward(z, onehot, true), onehot);
            loss = ConditionalGan.bceWithLogits(ConditionalGan.realLogit(out), 1f).add(ConditionalGan.classLoss(out, onehot));
            Batches.zeroGradients(net.discriminator());
            Batches.zeroGradients(net.generator().block());
            collector.backward(loss);
        }
        adam.step(LR);
        return loss;
    }

    /** One ordinary training step of the discriminator's layers on real images. */
    private static NDArray discriminatorClassifierStep(ConditionalGan net, ParamOptimizer adam, NDArray real, NDArray onehot) {
        NDArray loss;
        try (GradientCollector collector = ExclusiveGradientCollector.open(Engine.getInstance())) {
            NDArray out = net.discriminate(real, onehot);
            loss = ConditionalGan.bceWithLogits(ConditionalGan.realLogit(out), ConditionalGan.REAL_TARGET).add(ConditionalGan.classLoss(out, onehot));
            Batches.zeroGradients(net.discriminator());
            collector.backward(loss);
        }
        adam.step(LR);
        return loss;
    }

    /** {@code n} images of uniform noise labelled 0, 1, …, 9, 0, …: input whose content does not change a step's cost. */
    static ImageSet noiseBatch(int n, long seed) {
        Random random = new Random(seed);
        float[] pixels = new float[n * ImageSet.PIXELS];
        int[] labels = new int[n];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = random.nextFloat();
        }
        for (int i = 0; i < n; i++) {
            labels[i] = i % ImageSet.CLASSES;
        }
        return new ImageSet(pixels, labels);
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
