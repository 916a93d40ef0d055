package dev.atelier.orchestrator.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The orchestrator's Prometheus metrics: runs by state, queue depth, dispatch latency, ingestion rate, consumer lag. */
public final class OrchestratorMetrics {
    public static final List<String> STATES = List.of("queued", "dispatched", "running", "completed", "failed", "cancelled");
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, AtomicLong> runsByState = new ConcurrentHashMap<>();
    private final AtomicLong consumerLag = new AtomicLong();
    private final Timer dispatchLatency;
    private final Counter ingested;

    public OrchestratorMetrics() {
        for (String state : STATES) {
            AtomicLong value = runsByState.computeIfAbsent(state, s -> new AtomicLong());
            Gauge.builder("atelier_runs", value, AtomicLong::get).tag("state", state).description("Runs by state").register(registry);
        }
        Gauge.builder("atelier_queue_depth", runsByState.get("queued"), AtomicLong::get).description("Runs waiting for a worker").register(registry);
        Gauge.builder("atelier_consumer_lag", consumerLag, AtomicLong::get).description("Worker events not yet ingested").register(registry);
        dispatchLatency = Timer.builder("atelier_dispatch_latency").description("From dispatch decision to Kafka acknowledgement")
                .publishPercentiles(0.5, 0.99).register(registry);
        ingested = Counter.builder("atelier_ingested_events").description("Worker events applied to PostgreSQL").register(registry);
    }

    public void published(long ageMillis) {
        dispatchLatency.record(Duration.ofMillis(ageMillis));
    }

    public void ingested(int count) {
        ingested.increment(count);
    }

    public void consumerLag(long lag) {
        consumerLag.set(lag);
    }

    public void runsByState(Map<String, Long> counts) {
        STATES.forEach(s -> runsByState.get(s).set(counts.getOrDefault(s, 0L)));
    }

    /** Prometheus text exposition format. */
    public String scrape() {
        return registry.scrape();
    }
}
