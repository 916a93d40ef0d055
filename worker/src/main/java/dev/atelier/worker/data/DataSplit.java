package dev.atelier.worker.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The stratified train/validation split of the 60,000 official training images (55,000 / 5,000 by default),
 * fixed by the seed, and an optional stratified subset of the training part ({@code train_subset}).
 */
public record DataSplit(ImageSet train, ImageSet validation) {
    public static final int VALIDATION_SIZE = 5_000;

    /**
     * @param subset 0 for all remaining images, else the number of training images to keep (stratified)
     */
    public static DataSplit of(ImageSet all, int validationSize, int subset, long seed) {
        if (validationSize >= all.size()) {
            throw new IllegalArgumentException("validation size " + validationSize + " must be smaller than the " + all.size() + " images");
        }
        Random random = new Random(seed);
        List<List<Integer>> byClass = byClassShuffled(all, random);
        int[] validation = takeStratified(byClass, validationSize, all.size());
        int remaining = all.size() - validationSize;
        if (subset > remaining) {
            throw new IllegalArgumentException("train_subset=" + subset + " exceeds the " + remaining + " training images");
        }
        int[] train = takeStratified(byClass, subset == 0 ? remaining : subset, remaining);
        shuffle(train, random);
        shuffle(validation, random);
        return new DataSplit(select(all, train), select(all, validation));
    }

    private static List<List<Integer>> byClassShuffled(ImageSet all, Random random) {
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < ImageSet.CLASSES; c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < all.size(); i++) {
            byClass.get(all.labels()[i]).add(i);
        }
        byClass.forEach(list -> Collections.shuffle(list, random));
        return byClass;
    }

    /** Removes and returns {@code n} indices, each class contributing in proportion to its share of {@code pool}. */
    private static int[] takeStratified(List<List<Integer>> byClass, int n, int pool) {
        int[] quota = new int[ImageSet.CLASSES];
        double[] remainder = new double[ImageSet.CLASSES];
        int assigned = 0;
        for (int c = 0; c < ImageSet.CLASSES; c++) {
            double exact = (double) n * byClass.get(c).size() / pool;
            quota[c] = (int) Math.floor(exact);
            remainder[c] = exact - quota[c];
            assigned += quota[c];
        }
        while (assigned < n) {
            int best = -1;
            for (int c = 0; c < ImageSet.CLASSES; c++) {
                if (quota[c] < byClass.get(c).size() && (best < 0 || remainder[c] > remainder[best])) {
                    best = c;
                }
            }
            quota[best]++;
            remainder[best] = -1;
            assigned++;
        }
        int[] out = new int[n];
        int k = 0;
        for (int c = 0; c < ImageSet.CLASSES; c++) {
            List<Integer> list = byClass.get(c);
            List<Integer> taken = list.subList(list.size() - quota[c], list.size());
            for (int idx : taken) {
                out[k++] = idx;
            }
            taken.clear();
        }
        return out;
    }

    private static void shuffle(int[] a, Random random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    static ImageSet select(ImageSet all, int[] indices) {
        float[] pixels = new float[indices.length * ImageSet.PIXELS];
        int[] labels = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            System.arraycopy(all.pixels(), indices[k] * ImageSet.PIXELS, pixels, k * ImageSet.PIXELS, ImageSet.PIXELS);
            labels[k] = all.labels()[indices[k]];
        }
        return new ImageSet(pixels, labels);
    }
}
