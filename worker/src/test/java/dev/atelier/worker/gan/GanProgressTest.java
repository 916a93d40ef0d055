package dev.atelier.worker.gan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.worker.data.ImageSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A GAN run of many minutes tells its user how far it is and how long it has left. */
class GanProgressTest {

    @Test
    void progressLinesGiveTheLossesSpeedAndTimeLeftUntilTheLastEpoch() {
        // 1,100 images in batches of 20: 55 batches an epoch, so one mid-epoch line (batch 50) and the epoch's line
        ImageSet train = TestData.random(110, 4);
        List<String> progress = new ArrayList<>();
        GanTrainer.train(new GanOptions("mlp", 2, 0.0002, 20, 16, 5, 0, false, 0.999), train, progress::add).generator().close();

        assertThat(progress).filteredOn(line -> line.startsWith("gan epoch 1/2 batch 50/55:"))
                .singleElement().asString().containsPattern("d_loss \\d+\\.\\d{3} g_loss \\d+\\.\\d{3}, \\d+ img/s, ETA \\d+:\\d{2}$");
        assertThat(progress).filteredOn(line -> line.startsWith("gan epoch 1/2:"))
                .singleElement().asString().containsPattern(", \\d+\\.\\d s, ETA \\d+:\\d{2}$");
        assertThat(progress).filteredOn(line -> line.startsWith("gan epoch 2/2:"))
                .singleElement().asString().doesNotContain("ETA");
    }
}
