package dev.atelier.worker.gan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FidTest {

    private static float[] gaussian(int n, int dim, double shift, double scale, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n * dim];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (shift + scale * r.nextGaussian());
        }
        return x;
    }

    @Test
    void identicalFeaturesHaveDistanceZero() {
        float[] a = gaussian(2000, 8, 0, 1, 1);
        assertThat(Fid.distance(a, a, 8)).isCloseTo(0, within(1e-6));
    }

    @Test
    void matchesTheClosedFormForShiftedAndScaledGaussians() {
        int dim = 8;
        // N(0, I) vs N(1, 4I): |mu|^2 = 8, tr = 8 + 32, 2 tr(sqrt(I * 4I)) = 2 * 16 → 8 + 40 - 32 = 16
        double fid = Fid.distance(gaussian(20000, dim, 0, 1, 1), gaussian(20000, dim, 1, 2, 2), dim);
        assertThat(fid).isCloseTo(16, within(0.6));
    }
}
