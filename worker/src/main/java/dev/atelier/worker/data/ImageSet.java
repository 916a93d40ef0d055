package dev.atelier.worker.data;

/**
 * Labelled 28×28 grey-scale images held in one flat array: image {@code i} is
 * {@code pixels[i*784 .. i*784+783]}, values in [0, 1] (not yet normalised), label in 0..9.
 */
public record ImageSet(float[] pixels, int[] labels) {
    public static final int SIDE = 28;
    public static final int PIXELS = SIDE * SIDE;
    public static final int CLASSES = 10;

    public ImageSet {
        if (pixels.length != labels.length * PIXELS) {
            throw new IllegalArgumentException("pixels has " + pixels.length + " values for " + labels.length + " images; expected " + labels.length * PIXELS);
        }
    }

    public int size() {
        return labels.length;
    }
}
