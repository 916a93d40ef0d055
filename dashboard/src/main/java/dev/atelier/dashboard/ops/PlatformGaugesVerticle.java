package dev.atelier.dashboard.ops;

import dev.atelier.dashboard.persistence.ReadStore;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refreshes the runs-by-state and queue-depth gauges from PostgreSQL every {@link #REFRESH_MILLIS} on the JDBC worker
 * threads, so a scrape never waits for the database. While the database is away the gauges keep their last values
 * (and {@code /health/ready} says so).
 */
public final class PlatformGaugesVerticle extends VerticleBase {
    static final long REFRESH_MILLIS = 5_000;
    private static final Logger LOG = LoggerFactory.getLogger(PlatformGaugesVerticle.class);

    private final ReadStore store;
    private final DashboardMetrics metrics;
    private boolean inFlight;

    public PlatformGaugesVerticle(ReadStore store, DashboardMetrics metrics) {
        this.store = store;
        this.metrics = metrics;
    }

    @Override
    public Future<?> start() {
        vertx.setPeriodic(0, REFRESH_MILLIS, t -> refresh());
        return Future.succeededFuture();
    }

    private Future<Void> refresh() {
        if (inFlight) {
            return Future.succeededFuture();
        }
        inFlight = true;
        return store.runsByState()
                .onSuccess(metrics::platform)
                .onFailure(e -> LOG.debug("Could not refresh run gauges: {}", e.getMessage()))
                .<Void>mapEmpty()
                .eventually(() -> {
                    inFlight = false;
                    return Future.succeededFuture();
                });
    }
}
