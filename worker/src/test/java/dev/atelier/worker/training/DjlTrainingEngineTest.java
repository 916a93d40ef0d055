package dev.atelier.worker.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atelier.schemas.config.RunConfig;
import dev.atelier.worker.data.ImageSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Trains on the real Fashion-MNIST files (installed by .ci/run), with max_batches to stay fast. */
class DjlTrainingEngineTest {

    /** Records what a listener receives. */
    static final class Recorder implements TrainingListener {
        final List<EpochMetrics> epochs = new ArrayList<>();
        final List<Checkpoint> checkpoints = new ArrayList<>();
        int batches;

        @Override
        public void onEpoch(EpochMetrics metrics) {
            epochs.add(metrics);
        }

        @Override
        public void onBatch(int epoch, int batch, int batchesPerEpoch, double runningLoss, double imagesPerSecond) {
            batches++;
        }

        @Override
        public void onCheckpoint(Checkpoint checkpoint) {
            checkpoints.add(checkpoint);
        }

        List<Double> losses() {
            List<Double> out = new ArrayList<>();
            epochs.forEach(m -> {
                out.add(m.trainLoss());
                out.add(m.valLoss());
                out.add(m.valAcc());
            });
            return out;
        }
    }

    private static final Map<String, Object> SMALL_CNN = Map.of("architecture", "cnn", "channels", "4,8", "fc_units", "16",
            "max_batches", "8", "batch_size", "32", "epochs", "3", "augment_flip", "true", "augment_crop", "2", "augment_erase", "0.5");

    private static RunConfig config(Map<String, Object> base, Object... more) {
        Map<String, Object> m = new java.util.HashMap<>(base);
        for (int i = 0; i < more.length; i += 2) {
            m.put((String) more[i], more[i + 1]);
        }
        return RunConfig.resolve(m);
    }

    @Test
    void smokeRunWithMaxBatchesReportsEveryEpochAndATestResult() {
        Recorder rec = new Recorder();
        TrainResult r = new DjlTrainingEngine().train(config(Map.of("max_batches", "20", "epochs", "2", "batch_size", "64")),
                rec, CancellationToken.NEVER, Optional.empty());
        assertThat(rec.epochs).extracting(EpochMetrics::epoch).containsExactly(1, 2);
        assertThat(rec.checkpoints).extracting(Checkpoint::epoch).containsExactly(1, 2);
        assertThat(rec.batches).isGreaterThanOrEqualTo(2);
        EpochMetrics last = rec.epochs.get(1);
        assertThat(last.trainLoss()).isLessThan(rec.epochs.get(0).trainLoss());
        assertThat(last.imagesPerSecond()).isPositive();
        assertThat(last.lr()).isPositive();
        assertThat(r.testAcc()).isGreaterThan(0.5);
        assertThat(Arrays.stream(r.confusionMatrix()).flatMapToInt(Arrays::stream).sum()).isEqualTo(10_000);
        assertThat(r.perClassAccuracy()).hasSize(10);
        assertThat(r.history()).hasSize(2);
        assertThat(r.bestModelParams()).isNotEmpty();
        assertThat(r.device()).contains("cpu");
    }

    @Test
    void sameSeedGivesIdenticalPerEpochMetricsAndAnotherSeedDoesNot() {
        Recorder a = new Recorder();
        Recorder b = new Recorder();
        Recorder c = new Recorder();
        DjlTrainingEngine engine = new DjlTrainingEngine();
        engine.train(config(SMALL_CNN), a, CancellationToken.NEVER, Optional.empty());
        engine.train(config(SMALL_CNN), b, CancellationToken.NEVER, Optional.empty());
        engine.train(config(SMALL_CNN, "seed", "7"), c, CancellationToken.NEVER, Optional.empty());
        assertThat(a.losses()).hasSize(9).isEqualTo(b.losses());
        assertThat(c.losses()).isNotEqualTo(a.losses());
    }

    @Test
    void resumingFromACheckpointSkipsFinishedEpochsAndContinuesExactly() {
        Recorder full = new Recorder();
        DjlTrainingEngine engine = new DjlTrainingEngine();
        engine.train(config(SMALL_CNN), full, CancellationToken.NEVER, Optional.empty());
        Recorder resumed = new Recorder();
        TrainResult r = engine.train(config(SMALL_CNN), resumed, CancellationToken.NEVER, Optional.of(full.checkpoints.get(1)));
        assertThat(resumed.epochs).extracting(EpochMetrics::epoch).containsExactly(3);
        assertThat(resumed.epochs.get(0).trainLoss()).isEqualTo(full.epochs.get(2).trainLoss());
        assertThat(resumed.epochs.get(0).valAcc()).isEqualTo(full.epochs.get(2).valAcc());
        assertThat(r.history()).extracting(EpochMetrics::epoch).containsExactly(1, 2, 3);
    }

    @Test
    void cancellationStopsBetweenBatches() {
        AtomicInteger checks = new AtomicInteger();
        Recorder rec = new Recorder();
        assertThatThrownBy(() -> new DjlTrainingEngine().train(config(SMALL_CNN), rec, () -> checks.incrementAndGet() > 10, Optional.empty()))
                .isInstanceOf(TrainingCancelledException.class).hasMessage("cancelled after epoch 1");
        assertThat(rec.epochs).hasSize(1);
    }

    @Test
    void cganAugmentationExtendsOnlyTheTrainingSplitAndNaNLossIsReportedAsDivergence() {
        List<Integer> seen = new ArrayList<>();
        TrainingSetExtender poison = (cfg, train, progress) -> {
            seen.add(train.size());
            float[] pixels = train.pixels().clone();
            Arrays.fill(pixels, Float.NaN);
            return new ImageSet(pixels, train.labels());
        };
        assertThatThrownBy(() -> new DjlTrainingEngine(poison).train(config(Map.of("augment", "cgan", "train_subset", "1000", "max_batches", "3")),
                new Recorder(), CancellationToken.NEVER, Optional.empty()))
                .isInstanceOf(DivergedException.class).hasMessageStartingWith("diverged at epoch 1 (");
        assertThat(seen).containsExactly(1000);
        new DjlTrainingEngine(poison).train(config(Map.of("max_batches", "2", "epochs", "1")), new Recorder(), CancellationToken.NEVER, Optional.empty());
        assertThat(seen).hasSize(1);
    }

    @Test
    void fcnTwoEpochsOnTheFullDataReaches85Percent() {
        Recorder rec = new Recorder();
        TrainResult r = new DjlTrainingEngine().train(config(Map.of("epochs", "2")), rec, CancellationToken.NEVER, Optional.empty());
        assertThat(r.testAcc()).isGreaterThanOrEqualTo(0.85);
        assertThat(rec.epochs).hasSize(2);
    }
}
