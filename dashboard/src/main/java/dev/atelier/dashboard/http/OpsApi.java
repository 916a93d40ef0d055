package dev.atelier.dashboard.http;

import dev.atelier.dashboard.ops.DashboardMetrics;
import dev.atelier.dashboard.persistence.ReadStore;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Operations endpoints: {@code /health/live}, {@code /health/ready} and Prometheus {@code /metrics}; plus the
 * read-API latency timer, recorded per route pattern when each {@code /api/} response ends.
 */
final class OpsApi {
    static final long READY_DB_TIMEOUT_MILLIS = 2_000;
    private static final String ROUTE_KEY = "atelier.route";
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final ReadStore store;
    private final DashboardMetrics metrics;
    private final BooleanSupplier listenerUp;

    OpsApi(ReadStore store, DashboardMetrics metrics, BooleanSupplier listenerUp) {
        this.store = store;
        this.metrics = metrics;
        this.listenerUp = listenerUp;
    }

    /** Mounts the timer first (before any /api route) and the three endpoints. */
    void mount(Router router) {
        router.route("/api/*").handler(this::timeRequest);
        router.get("/health/live").handler(ctx -> status(ctx, 200, new JsonObject().put("status", "up")));
        router.get("/health/ready").handler(this::ready);
        router.get("/metrics").handler(ctx -> ctx.response().putHeader("Content-Type", PROMETHEUS_TEXT).end(metrics.scrape()));
    }

    private void timeRequest(RoutingContext ctx) {
        long t0 = System.nanoTime();
        if (ctx.request().path().equals(LiveEvents.PATH)) {
            ctx.next();
            return;
        }
        ctx.addEndHandler(v -> {
            Route route = ctx.currentRoute();
            String pattern = ctx.get(ROUTE_KEY, route == null || route.getPath() == null ? "other" : route.getPath());
            metrics.request(pattern, ctx.request().method().name(), ctx.response().getStatusCode(),
                    Duration.ofNanos(System.nanoTime() - t0));
        });
        ctx.next();
    }

    /**
     * Keeps the matched route pattern for the latency timer; a request that fails ends in the failure handler,
     * whose route has no path, so a handler that may fail calls this first.
     */
    static void rememberRoute(RoutingContext ctx) {
        ctx.put(ROUTE_KEY, ctx.currentRoute().getPath());
    }

    private void ready(RoutingContext ctx) {
        boolean listening = listenerUp.getAsBoolean();
        store.ping().timeout(READY_DB_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS).transform(db -> {
            boolean up = db.succeeded() && listening;
            status(ctx, up ? 200 : 503, new JsonObject()
                    .put("status", up ? "up" : "down")
                    .put("database", db.succeeded() ? "up" : "down")
                    .put("listener", listening ? "up" : "down"));
            return io.vertx.core.Future.succeededFuture();
        });
    }

    private static void status(RoutingContext ctx, int code, JsonObject body) {
        ctx.response().setStatusCode(code).putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store").end(body.encode());
    }
}
