package dev.atelier.worker.data;

/**
 * Labelled 28×28 grey-scale images held in one flat array: image {@code i} is
 * {@code pixels[i*784 .. i*784+783]}, values in [0, 1] (not yet normalised), label in 0..9.
 * Optionally each image also has a training target: a probability over the ten classes
 * ({@code targets[i*10 .. i*10+9]}), used instead of the one-hot label by the training loss;
 * {@code null} means every target is the one-hot label.
 */
public record ImageSet(float[] pixels, int[] labels, float[] targets) {
    public static final int SIDE = 28;
    public static final int PIXELS = SIDE * SIDE;
    public static final int CLASSES = 10;

    public ImageSet {
        if (pixels.length != labels.length * PIXELS) {
            throw new IllegalArgumentException("pixels has " + pixels.length + " values for " + labels.length + " images; expected " + labels.length * PIXELS);
        }
        if (targets != null && targets.length != labels.length * CLASSES) {
            throw new IllegalArgumentException("targets has " + targets.length + " values for " + labels.length + " images; expected " + labels.length * CLASSES);
        }
    }

    /** Images whose targets are their one-hot labels. */
    public ImageSet(float[] pixels, int[] labels) {
        this(pixels, labels, null);
    }

    public int size() {
        return labels.length;
    }

    /** The targets, with one-hot rows built from the labels when the set has none. */
    public float[] targetsOrOneHot() {
        if (targets != null) {
            return targets;
        }
        float[] oneHot = new float[labels.length * CLASSES];
        for (int i = 0; i < labels.length; i++) {
            oneHot[i * CLASSES + labels[i]] = 1f;
        }
        return oneHot;
    }

    /** {@code a} followed by {@code b}; the result has targets when either has. */
    public static ImageSet concat(ImageSet a, ImageSet b) {
        float[] px = new float[a.pixels.length + b.pixels.length];
        System.arraycopy(a.pixels, 0, px, 0, a.pixels.length);
        System.arraycopy(b.pixels, 0, px, a.pixels.length, b.pixels.length);
        int[] labels = new int[a.size() + b.size()];
        System.arraycopy(a.labels, 0, labels, 0, a.size());
        System.arraycopy(b.labels, 0, labels, a.size(), b.size());
        if (a.targets == null && b.targets == null) {
            return new ImageSet(px, labels);
        }
        float[] ta = a.targetsOrOneHot();
        float[] tb = b.targetsOrOneHot();
        float[] targets = new float[ta.length + tb.length];
        System.arraycopy(ta, 0, targets, 0, ta.length);
        System.arraycopy(tb, 0, targets, ta.length, tb.length);
        return new ImageSet(px, labels, targets);
    }
}
