package dev.atelier.worker.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DataSplitTest {

    /** 60,000 images, 6,000 per class, each image's first pixel holding its unique index. */
    private static ImageSet sixtyThousand() {
        int n = 60_000;
        float[] pixels = new float[n * ImageSet.PIXELS];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (i * 7) % 10;
            pixels[i * ImageSet.PIXELS] = i;
        }
        return new ImageSet(pixels, labels);
    }

    private static int[] perClass(ImageSet set) {
        int[] counts = new int[10];
        for (int l : set.labels()) {
            counts[l]++;
        }
        return counts;
    }

    private static Set<Integer> ids(ImageSet set) {
        Set<Integer> ids = new HashSet<>();
        for (int i = 0; i < set.size(); i++) {
            ids.add((int) set.pixels()[i * ImageSet.PIXELS]);
        }
        return ids;
    }

    @Test
    void splitsFiftyFiveThousandAndFiveThousandStratifiedAndDisjoint() {
        DataSplit split = DataSplit.of(sixtyThousand(), DataSplit.VALIDATION_SIZE, 0, 42);
        assertThat(split.train().size()).isEqualTo(55_000);
        assertThat(split.validation().size()).isEqualTo(5_000);
        assertThat(perClass(split.validation())).containsOnly(500);
        assertThat(perClass(split.train())).containsOnly(5_500);
        Set<Integer> train = ids(split.train());
        assertThat(train).hasSize(55_000).doesNotContainAnyElementsOf(ids(split.validation()));
        int id = (int) split.train().pixels()[17 * ImageSet.PIXELS];
        assertThat(split.train().labels()[17]).isEqualTo((id * 7) % 10);
    }

    @Test
    void sameSeedSameSplitOtherSeedOtherSplit() {
        ImageSet all = sixtyThousand();
        DataSplit a = DataSplit.of(all, 5_000, 0, 7);
        DataSplit b = DataSplit.of(all, 5_000, 0, 7);
        DataSplit c = DataSplit.of(all, 5_000, 0, 8);
        assertThat(Arrays.equals(a.validation().pixels(), b.validation().pixels())).isTrue();
        assertThat(Arrays.equals(a.train().labels(), b.train().labels())).isTrue();
        assertThat(ids(a.validation())).isNotEqualTo(ids(c.validation()));
    }

    @Test
    void trainSubsetIsStratifiedAndKeepsValidationFixed() {
        ImageSet all = sixtyThousand();
        DataSplit full = DataSplit.of(all, 5_000, 0, 3);
        DataSplit small = DataSplit.of(all, 5_000, 1_003, 3);
        assertThat(small.train().size()).isEqualTo(1_003);
        assertThat(Arrays.stream(perClass(small.train())).boxed().toList()).allSatisfy(n -> assertThat(n).isBetween(100, 101));
        assertThat(ids(small.validation())).isEqualTo(ids(full.validation()));
        assertThat(ids(full.train())).containsAll(ids(small.train()));
    }
}
