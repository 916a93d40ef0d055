package dev.atelier.worker.gan;

import dev.atelier.worker.data.ImageSet;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * {@code synthetic_filter=agree}: a generated image is kept only when a classifier trained on the run's own real
 * training images (never validation or test images) assigns it to its conditioning class. Each round samples, for
 * every class still short, as many images as it lacks; after {@link #MAX_ROUNDS} rounds a class the judge rarely
 * agrees on keeps fewer (reported).
 */
final class AgreementFilter {
    static final int MAX_ROUNDS = 20;
    /** About this many training images go through the judge in all (at least 3 epochs), whatever the split's size. */
    static final int JUDGE_IMAGES = 30_000;

    /** The kept images, class 0 first, and how many candidates were generated for them. */
    record Result(ImageSet images, int offered) {
    }

    private AgreementFilter() {
    }

    /** A classifier of the run's real training split only, trained on about {@link #JUDGE_IMAGES} images. */
    static ReferenceClassifier trainJudge(ImageSet realTrain, long seed, Consumer<String> progress) {
        int epochs = Math.max(3, (JUDGE_IMAGES + realTrain.size() - 1) / realTrain.size());
        progress.accept("training a judge CNN on the " + realTrain.size() + " real training images (" + epochs + " epochs)");
        return ReferenceClassifier.train(realTrain, epochs, seed, line -> { });
    }

    /** Keeps {@code perClass} images of each class that {@code judge} agrees with (fewer if it must). */
    static ImageSet sample(Generator generator, ReferenceClassifier judge, int perClass, long seed, Consumer<String> progress) {
        Result result = keepAgreeing(generator::sample, judge::predict, perClass, seed);
        ImageSet kept = result.images();
        int[] perClassKept = new int[ImageSet.CLASSES];
        for (int label : kept.labels()) {
            perClassKept[label]++;
        }
        progress.accept(String.format("synthetic_filter=agree: kept %d of %d generated images (%.0f%%); per class %s", kept.size(),
                result.offered(), 100.0 * kept.size() / Math.max(1, result.offered()), Arrays.toString(perClassKept)));
        return kept;
    }

    /**
     * @param generator images for the given labels (in that order) from a seed
     * @param judge     the judge's class for every image of a set
     */
    static Result keepAgreeing(SeededSampler generator, Function<ImageSet, int[]> judge, int perClass, long seed) {
        int classes = ImageSet.CLASSES;
        float[][] pixels = new float[classes][perClass * ImageSet.PIXELS];
        int[] kept = new int[classes];
        int offered = 0;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            int[] wanted = missing(kept, perClass);
            if (wanted.length == 0) {
                break;
            }
            ImageSet candidates = generator.sample(wanted, seed + 7919L * round);
            int[] predicted = judge.apply(candidates);
            offered += candidates.size();
            for (int i = 0; i < candidates.size(); i++) {
                int label = candidates.labels()[i];
                if (predicted[i] == label && kept[label] < perClass) {
                    System.arraycopy(candidates.pixels(), i * ImageSet.PIXELS, pixels[label], kept[label]++ * ImageSet.PIXELS, ImageSet.PIXELS);
                }
            }
        }
        int total = Arrays.stream(kept).sum();
        float[] px = new float[total * ImageSet.PIXELS];
        int[] labels = new int[total];
        int at = 0;
        for (int c = 0; c < classes; c++) {
            System.arraycopy(pixels[c], 0, px, at * ImageSet.PIXELS, kept[c] * ImageSet.PIXELS);
            Arrays.fill(labels, at, at + kept[c], c);
            at += kept[c];
        }
        return new Result(new ImageSet(px, labels), offered);
    }

    /** One label per image still lacking: class c repeated perClass − kept[c] times. */
    private static int[] missing(int[] kept, int perClass) {
        return IntStream.range(0, kept.length).flatMap(c -> IntStream.range(kept[c], perClass).map(i -> c)).toArray();
    }

    /** {@link Generator#sample(int[], long)}, as a function for tests. */
    @FunctionalInterface
    interface SeededSampler {
        ImageSet sample(int[] labels, long seed);
    }
}
