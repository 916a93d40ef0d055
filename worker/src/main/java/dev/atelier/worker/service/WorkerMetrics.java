package dev.atelier.worker.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;

/** One worker's Prometheus metrics (names {@code atelier_worker_*}); thread-safe. */
public final class WorkerMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, Counter> runsByOutcome;
    private final Counter deadLetters;
    private final Timer epochs;
    private final Timer epochAckLatency;
    private final AtomicReference<Double> lastEpochImagesPerSecond = new AtomicReference<>(0.0);
    private final MultiGauge consumerLag;

    WorkerMetrics(String workerId, int slots, IntSupplier busySlots) {
        registry.config().commonTags("worker", workerId);
        runsByOutcome = Map.of("RunCompleted", "completed", "RunFailed", "failed", "RunCancelled", "cancelled").entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> Counter.builder("atelier.worker.runs")
                        .description("Runs this worker ended, by terminal event").tag("outcome", e.getValue()).register(registry)));
        deadLetters = Counter.builder("atelier.worker.dead.letters").description("Run records sent to the dead-letter topic").register(registry);
        Gauge.builder("atelier.worker.runs.in.progress", busySlots::getAsInt).description("Runs training on this worker now").register(registry);
        Gauge.builder("atelier.worker.slots.busy", busySlots::getAsInt).description("Slots training a run").register(registry);
        Gauge.builder("atelier.worker.slots", () -> slots).description("Slots of this worker (--slots)").register(registry);
        epochs = Timer.builder("atelier.worker.epoch").description("Training time of one epoch (engine-measured)").register(registry);
        Gauge.builder("atelier.worker.images.per.second", lastEpochImagesPerSecond::get)
                .description("Training throughput of the last completed epoch").register(registry);
        epochAckLatency = Timer.builder("atelier.worker.epoch.ack.latency").description("Epoch end to EpochCompleted acknowledged by Kafka")
                .publishPercentiles(0.5, 0.95).register(registry);
        consumerLag = MultiGauge.builder("atelier.worker.runs.consumer.lag")
                .description("Run records not yet fetched on each runs-topic partition this worker owns (end offset - position)").register(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
    }

    /** After the broker acknowledged a run's terminal event ({@code RunCompleted}, {@code RunFailed}, {@code RunCancelled}). */
    void runEnded(String terminalType) {
        Counter c = runsByOutcome.get(terminalType);
        if (c != null) {
            c.increment();
        }
    }

    void deadLettered() {
        deadLetters.increment();
    }

    void epoch(double seconds, double imagesPerSecond) {
        epochs.record(Duration.ofNanos((long) (seconds * 1e9)));
        lastEpochImagesPerSecond.set(imagesPerSecond);
    }

    void epochAcked(double millis) {
        epochAckLatency.record(Duration.ofNanos((long) (millis * 1e6)));
    }

    /** Replaces the lag rows with the partitions owned now. */
    void consumerLag(Map<Integer, Long> lagByPartition) {
        consumerLag.register(lagByPartition.entrySet().stream()
                .map(e -> MultiGauge.Row.of(Tags.of("partition", String.valueOf(e.getKey())), e.getValue()))
                .collect(Collectors.toList()), true);
    }

    /** Prometheus text exposition format. */
    public String scrape() {
        return registry.scrape();
    }
}
