package dev.atelier.orchestrator.dispatch;

import dev.atelier.orchestrator.persistence.Db;
import dev.atelier.orchestrator.config.OrchestratorConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Matches queued runs with free worker slots every dispatch interval and whenever a heartbeat or a new sweep
 * arrives (event-bus address {@link #WAKE}); the chosen runs reach Kafka through the outbox.
 */
public final class Dispatcher extends VerticleBase {
    public static final String WAKE = "atelier.dispatch.wake";
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private final Db db;
    private final OrchestratorConfig config;
    private final SerialCycle cycle = new SerialCycle(this::dispatch);

    public Dispatcher(Db db, OrchestratorConfig config) {
        this.db = db;
        this.config = config;
    }

    @Override
    public Future<?> start() {
        vertx.setPeriodic(config.dispatchInterval().toMillis(), id -> cycle.trigger());
        return vertx.eventBus().consumer(WAKE, msg -> cycle.trigger()).completion();
    }

    @Override
    public Future<?> stop() {
        return cycle.stop();
    }

    /** A worker silent for longer than this gets no new runs; never longer than run_timeout, after which its runs are requeued. */
    private java.time.Duration liveness() {
        return config.workerTimeout().compareTo(config.runTimeout()) < 0 ? config.workerTimeout() : config.runTimeout().dividedBy(2);
    }

    private Future<Boolean> dispatch() {
        return db.tx(c -> DispatchStore.dispatch(c, config.topics(), liveness()))
                .onSuccess(list -> {
                    list.forEach(d -> LOG.info("run {} attempt {} of sweep {} dispatched to worker {} on partition {}",
                            d.runId(), d.attempt(), d.sweepId(), d.workerId(), d.partition()));
                    if (!list.isEmpty()) {
                        vertx.eventBus().send(OutboxPublisher.WAKE, null);
                    }
                })
                .onFailure(e -> LOG.warn("dispatch failed, will retry: {}", e.toString()))
                .map(false);
    }
}
