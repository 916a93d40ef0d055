package dev.atelier.worker.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.schemas.config.RunConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** A worker with two slots (or two workers in one JVM) trains two runs at the same time. */
class ConcurrentTrainingTest {

    @Test
    void twoRunsTrainAtTheSameTimeInOneProcess() throws Exception {
        RunConfig config = RunConfig.resolve(Map.of("hidden", "64", "max_batches", "30", "epochs", "2", "batch_size", "32", "threads", "1"));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<TrainResult>> results = pool.invokeAll(List.of(
                    () -> new DjlTrainingEngine().train(config, m -> { }, CancellationToken.NEVER, Optional.empty()),
                    () -> new DjlTrainingEngine().train(config.with(Map.of("seed", 7)), m -> { }, CancellationToken.NEVER, Optional.empty())));
            for (Future<TrainResult> result : results) {
                assertThat(result.get().history()).hasSize(2);
                assertThat(result.get().testAcc()).isGreaterThan(0.5);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
