package dev.atelier.worker.gan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.worker.data.ImageSet;
import java.util.Arrays;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The selection logic of {@code synthetic_filter=agree}, with a stand-in generator and judge. */
class AgreementFilterTest {

    /** Images whose first pixel is 1 ("good") or 0, at random; the rest of the pixels carry the label. */
    private static ImageSet candidates(int[] labels, long seed) {
        Random random = new Random(seed);
        float[] px = new float[labels.length * ImageSet.PIXELS];
        for (int i = 0; i < labels.length; i++) {
            Arrays.fill(px, i * ImageSet.PIXELS, (i + 1) * ImageSet.PIXELS, labels[i] / 10f);
            px[i * ImageSet.PIXELS] = random.nextBoolean() ? 1f : 0f;
        }
        return new ImageSet(px, labels.clone());
    }

    /** Agrees with the conditioning label exactly on the good images, except for {@code hopeless}, never right. */
    private static Function<ImageSet, int[]> judge(int hopeless) {
        return set -> {
            int[] out = new int[set.size()];
            for (int i = 0; i < out.length; i++) {
                int label = set.labels()[i];
                boolean good = set.pixels()[i * ImageSet.PIXELS] == 1f && label != hopeless;
                out[i] = good ? label : (label + 1) % ImageSet.CLASSES;
            }
            return out;
        };
    }

    @Test
    void keepsOnlyImagesTheJudgeAssignsToTheirClassUntilEveryClassIsFull() {
        AgreementFilter.Result result = AgreementFilter.keepAgreeing(AgreementFilterTest::candidates, judge(-1), 7, 42);

        ImageSet kept = result.images();
        assertThat(kept.size()).isEqualTo(70);
        for (int i = 0; i < kept.size(); i++) {
            assertThat(kept.labels()[i]).isEqualTo(i / 7); // class 0 first, 7 each
            assertThat(kept.pixels()[i * ImageSet.PIXELS]).as("image %d was one the judge agreed with", i).isEqualTo(1f);
            assertThat(kept.pixels()[i * ImageSet.PIXELS + 1]).as("image %d belongs to its label", i).isEqualTo(kept.labels()[i] / 10f);
        }
        assertThat(result.offered()).as("about half are good, so about twice as many were generated").isBetween(100, 200);
    }

    @Test
    void aClassTheJudgeNeverAgreesOnEndsEmptyAfterTheLastRoundAndTheOthersAreFull() {
        AgreementFilter.Result result = AgreementFilter.keepAgreeing(AgreementFilterTest::candidates, judge(3), 5, 1);

        int[] perClass = new int[ImageSet.CLASSES];
        for (int label : result.images().labels()) {
            perClass[label]++;
        }
        assertThat(perClass).containsExactly(5, 5, 5, 0, 5, 5, 5, 5, 5, 5);
        assertThat(result.offered()).as("class 3 was asked for in every round").isGreaterThanOrEqualTo(5 * AgreementFilter.MAX_ROUNDS);
    }
}
