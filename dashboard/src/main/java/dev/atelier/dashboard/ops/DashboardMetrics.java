package dev.atelier.dashboard.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Every meter the dashboard exposes on {@code GET /metrics}, in one Prometheus registry. */
public final class DashboardMetrics {
    /** Every state a run can be in (V1 schema's CHECK); each gets a gauge, so a state with no runs reads 0. */
    public static final List<String> RUN_STATES = List.of("queued", "dispatched", "running", "completed", "failed", "cancelled");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicInteger openStreams = new AtomicInteger();
    private final Counter pushed;
    private final Timer pushLatency;
    private final Map<String, AtomicLong> runsByState = new ConcurrentHashMap<>();
    private final AtomicLong queueDepth = new AtomicLong();

    public DashboardMetrics() {
        Gauge.builder("atelier_dashboard_sse_clients", openStreams, AtomicInteger::get)
                .description("Open Server-Sent Events streams").register(registry);
        pushed = Counter.builder("atelier_dashboard_sse_events_pushed")
                .description("Events written to SSE streams (one per stream)").register(registry);
        pushLatency = Timer.builder("atelier_dashboard_push_latency")
                .description("From a PostgreSQL notification reaching the dashboard to its event being written to the streams")
                .publishPercentiles(0.5, 0.99).register(registry);
        for (String state : RUN_STATES) {
            AtomicLong count = new AtomicLong();
            runsByState.put(state, count);
            Gauge.builder("atelier_runs", count, AtomicLong::get).tag("state", state)
                    .description("Runs in each state, all sweeps, read from PostgreSQL").register(registry);
        }
        Gauge.builder("atelier_queue_depth", queueDepth, AtomicLong::get)
                .description("Runs waiting for a worker (queued or dispatched, not yet running)").register(registry);
    }

    public void streamOpened() {
        openStreams.incrementAndGet();
    }

    public void streamClosed() {
        openStreams.decrementAndGet();
    }

    public void eventsPushed(int streams) {
        pushed.increment(streams);
    }

    public void pushedAfter(long receivedNanos) {
        pushLatency.record(System.nanoTime() - receivedNanos, TimeUnit.NANOSECONDS);
    }

    /** Records one read-API request under its route pattern (e.g. {@code /api/sweeps/:id}), never the raw path. */
    public void request(String route, String method, int status, Duration took) {
        Timer.builder("atelier_dashboard_http_requests").description("Read-API request latency by route")
                .tags("route", route, "method", method, "status", Integer.toString(status))
                .register(registry).record(took);
    }

    /** Replaces the platform gauges with counts just read from PostgreSQL. */
    public void platform(Map<String, Long> countsByState) {
        runsByState.forEach((state, gauge) -> gauge.set(countsByState.getOrDefault(state, 0L)));
        queueDepth.set(countsByState.getOrDefault("queued", 0L) + countsByState.getOrDefault("dispatched", 0L));
    }

    public String scrape() {
        return registry.scrape();
    }
}
