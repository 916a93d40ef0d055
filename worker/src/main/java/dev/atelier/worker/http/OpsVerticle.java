package dev.atelier.worker.http;

import dev.atelier.worker.service.WorkerVerticle;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's operations endpoints: {@code GET /health/live}, {@code GET /health/ready} (503 with the reason when not
 * ready) and {@code GET /metrics} (Prometheus text format). Deployed next to the worker, so it answers while the
 * worker starts and while it drains.
 */
public final class OpsVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(OpsVerticle.class);
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final int port;
    private final Supplier<Optional<String>> notReadyReason;
    private final Supplier<Future<String>> metrics;
    private HttpServer server;

    /** @param port the port to listen on, 0 for any free one */
    public OpsVerticle(int port, Supplier<Optional<String>> notReadyReason, Supplier<Future<String>> metrics) {
        this.port = port;
        this.notReadyReason = notReadyReason;
        this.metrics = metrics;
    }

    /** The ops endpoints of one worker. */
    public static OpsVerticle of(WorkerVerticle worker, int port) {
        return new OpsVerticle(port, worker::notReadyReason, worker::scrapeMetrics);
    }

    @Override
    public Future<?> start() {
        Router router = Router.router(vertx);
        router.get("/health/live").handler(ctx -> json(ctx, 200, new JsonObject().put("status", "UP")));
        router.get("/health/ready").handler(this::ready);
        router.get("/metrics").handler(ctx -> metrics.get()
                .onSuccess(text -> ctx.response().putHeader("Content-Type", PROMETHEUS_TEXT).end(text))
                .onFailure(ctx::fail));
        router.errorHandler(404, ctx -> error(ctx, 404, "not_found", "no such endpoint: " + ctx.request().path()
                + " (try /health/live, /health/ready, /metrics)"));
        router.errorHandler(500, ctx -> {
            LOG.error("ops request {} failed", ctx.request().path(), ctx.failure());
            error(ctx, 500, "internal_error", String.valueOf(ctx.failure()));
        });
        return vertx.createHttpServer().requestHandler(router).listen(port)
                .onSuccess(s -> {
                    server = s;
                    LOG.info("worker ops endpoints on port {}: /health/live /health/ready /metrics", s.actualPort());
                })
                .recover(err -> Future.failedFuture(new IllegalStateException(
                        "cannot listen on port " + port + " for /health and /metrics (" + err.getMessage() + "); choose another with --http-port")));
    }

    /** The port actually listened on (after start). */
    public int port() {
        return server.actualPort();
    }

    private void ready(RoutingContext ctx) {
        Optional<String> reason = notReadyReason.get();
        if (reason.isPresent()) {
            error(ctx, 503, "not_ready", reason.get());
        } else {
            json(ctx, 200, new JsonObject().put("status", "UP"));
        }
    }

    private static void error(RoutingContext ctx, int status, String code, String message) {
        json(ctx, status, new JsonObject().put("code", code).put("message", message).put("details", new JsonArray()));
    }

    private static void json(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }
}
