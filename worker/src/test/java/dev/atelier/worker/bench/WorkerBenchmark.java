package dev.atelier.worker.bench;

import static dev.atelier.worker.testing.TestBroker.run;

import dev.atelier.schemas.config.RunConfig;
import dev.atelier.schemas.messages.RunCompleted;
import dev.atelier.schemas.messages.Topics;
import dev.atelier.worker.service.LatencyStats;
import dev.atelier.worker.testing.EventLog;
import dev.atelier.worker.testing.TestBroker;
import dev.atelier.worker.testing.Workers;
import dev.atelier.worker.training.CancellationToken;
import dev.atelier.worker.training.Checkpoint;
import dev.atelier.worker.training.DjlTrainingEngine;
import dev.atelier.worker.training.EpochMetrics;
import dev.atelier.worker.training.TrainResult;
import dev.atelier.worker.training.TrainingEngine;
import dev.atelier.worker.training.TrainingListener;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Worker benchmarks (not part of CI: the class name matches neither *Test nor *IT). Run with
 * <pre>mvn -B -q -pl worker -am test -Dtest=WorkerBenchmark -Dsurefire.failIfNoSpecifiedTests=false</pre>
 * Options: -Datelier.bench.repeats=4 (overhead pairs), -Datelier.bench.runs=50 (leak check runs).
 * Results: worker/target/worker-benchmark.txt.
 */
class WorkerBenchmark {
    private static final Map<String, Object> FCN_3_EPOCHS = Map.of("architecture", "fcn", "epochs", 3);
    private static final Map<String, Object> SHORT = Map.of("architecture", "fcn", "hidden", "64", "epochs", 2, "max_batches", 5, "batch_size", 32);
    private final List<String> report = new ArrayList<>();

    @Test
    void benchmark() throws Exception {
        int repeats = Integer.getInteger("atelier.bench.repeats", 4);
        int runs = Integer.getInteger("atelier.bench.runs", 50);
        DjlTrainingEngine engine = new DjlTrainingEngine();
        TimedEngine timed = new TimedEngine(engine);
        try (TestBroker broker = new TestBroker(); Bench bench = new Bench(broker, timed)) {
            line("machine: %d CPUs, load average at start %.2f", Runtime.getRuntime().availableProcessors(),
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            direct(engine, SHORT); // warm-up: data loading, JIT, native libraries
            bench.viaWorker("warmup", SHORT);
            double directTotal = 0;
            double workerTotal = 0;
            double insideTotal = 0;
            List<Double> ratios = new ArrayList<>();
            for (int i = 0; i < repeats; i++) {
                // alternate the order so a machine getting busier or quieter does not favour one side
                double d = i % 2 == 0 ? direct(engine, FCN_3_EPOCHS) : Double.NaN;
                double w = bench.viaWorker("overhead-" + i, FCN_3_EPOCHS);
                double inside = timed.lastSeconds();
                if (i % 2 == 1) {
                    d = direct(engine, FCN_3_EPOCHS);
                }
                line("3-epoch FCN pair %d (%s first): direct engine.train %.2f s | via worker: RunRequested sent -> RunCompleted acked %.2f s, of which engine.train %.2f s"
                        + " (worker path %.2f s = %.1f%%)", i + 1, i % 2 == 0 ? "direct" : "worker", d, w, inside, w - inside, (w / inside - 1) * 100);
                directTotal += d;
                workerTotal += w;
                insideTotal += inside;
                ratios.add(w / d);
            }
            ratios.sort(null);
            int n = ratios.size();
            double median = n % 2 == 1 ? ratios.get(n / 2) : (ratios.get(n / 2 - 1) + ratios.get(n / 2)) / 2;
            line("median end-to-end / direct ratio over %d pairs: %.3f", repeats, median);
            line("worker path overhead: %.1f%% of engine time inside the worker (%.2f s per run); end-to-end vs direct engine.train: %.1f%%"
                    + " (mean direct %.2f s, mean via worker %.2f s, %d pairs; the direct/worker gap includes run-to-run noise of a shared machine)",
                    (workerTotal / insideTotal - 1) * 100, (workerTotal - insideTotal) / repeats, (workerTotal / directTotal - 1) * 100,
                    directTotal / repeats, workerTotal / repeats, repeats);

            List<long[]> memory = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                bench.viaWorker("leak-" + i, SHORT);
                memory.add(new long[]{usedHeapAfterGc(), rssKb()});
            }
            line("%d consecutive short runs: heap after GC run 1..10 avg %.1f MB, run %d..%d avg %.1f MB; RSS run 1..10 avg %.1f MB, last 10 avg %.1f MB",
                    runs, avg(memory, 0, 0, 10) / 1e6, runs - 9, runs, avg(memory, 0, runs - 10, runs) / 1e6,
                    avg(memory, 1, 0, 10) / 1024, avg(memory, 1, runs - 10, runs) / 1024);
            line("heap per run (MB): %s", series(memory, 0, 1e6));
            line("RSS per run (MB): %s", series(memory, 1, 1024));
            LatencyStats latency = bench.latency();
            line("epoch end -> EpochCompleted acked by the broker: %s", latency);
        }
        Path out = Path.of("target", "worker-benchmark.txt");
        Files.write(out, report);
        System.out.println(String.join("\n", report));
    }

    private static double direct(DjlTrainingEngine engine, Map<String, Object> config) {
        long t0 = System.nanoTime();
        engine.train(RunConfig.resolve(config), new TrainingListener() {
            @Override
            public void onEpoch(EpochMetrics metrics) {
            }
        }, CancellationToken.NEVER, Optional.empty());
        return (System.nanoTime() - t0) / 1e9;
    }

    /** One worker on one broker; runs one request at a time and times it. */
    private static final class Bench implements AutoCloseable {
        private final TestBroker broker;
        private final Topics topics;
        private final Vertx vertx = Vertx.vertx();
        private final Workers.Deployed worker;
        private final EventLog events;

        Bench(TestBroker broker, TrainingEngine engine) throws IOException {
            this.broker = broker;
            this.topics = broker.newTopics();
            this.events = new EventLog(broker.bootstrap(), topics.events());
            this.worker = Workers.deploy(vertx, Workers.config(broker.bootstrap(), topics, Files.createTempDirectory("bench-artifacts"), "bench"), engine);
        }

        double viaWorker(String runId, Map<String, Object> config) {
            long t0 = System.nanoTime();
            broker.requestRun(topics, run(runId, config));
            events.await(e -> e.stream().anyMatch(x -> x.payload() instanceof RunCompleted c && c.runId().equals(runId)), Duration.ofMinutes(10));
            return (System.nanoTime() - t0) / 1e9;
        }

        LatencyStats latency() {
            return worker.worker().processor().epochAckLatency();
        }

        @Override
        public void close() throws Exception {
            events.close();
            Workers.await(vertx.close());
        }
    }

    /** Measures the wall time of engine.train inside the worker. */
    private static final class TimedEngine implements TrainingEngine {
        private final TrainingEngine delegate;
        private volatile double lastSeconds;

        TimedEngine(TrainingEngine delegate) {
            this.delegate = delegate;
        }

        @Override
        public TrainResult train(RunConfig config, TrainingListener listener, CancellationToken cancel, Optional<Checkpoint> resumeFrom) {
            long t0 = System.nanoTime();
            try {
                return delegate.train(config, listener, cancel, resumeFrom);
            } finally {
                lastSeconds = (System.nanoTime() - t0) / 1e9;
            }
        }

        double lastSeconds() {
            return lastSeconds;
        }
    }

    private static long usedHeapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long rssKb() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).findFirst().orElse(-1L);
        } catch (IOException e) {
            return -1;
        }
    }

    private static double avg(List<long[]> rows, int col, int from, int to) {
        return rows.subList(Math.max(0, from), Math.min(rows.size(), to)).stream().mapToLong(r -> r[col]).average().orElse(Double.NaN);
    }

    private static String series(List<long[]> rows, int col, double unit) {
        StringBuilder sb = new StringBuilder();
        rows.forEach(r -> sb.append(String.format("%.0f ", r[col] / unit)));
        return sb.toString().trim();
    }

    private void line(String format, Object... args) {
        report.add(String.format(format, args));
    }
}
