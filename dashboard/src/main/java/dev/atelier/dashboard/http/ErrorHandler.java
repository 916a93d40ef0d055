package dev.atelier.dashboard.http;

import dev.atelier.dashboard.persistence.NotFoundException;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one failure handler of the dashboard's HTTP server. */
final class ErrorHandler implements Handler<RoutingContext> {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorHandler.class);

    @Override
    public void handle(RoutingContext ctx) {
        ApiError error = toApiError(ctx);
        if (ctx.response().headWritten()) {
            ctx.response().reset();
            return;
        }
        ctx.response().setStatusCode(error.status()).putHeader("Content-Type", "application/json")
                .end(error.body().encode());
    }

    private static ApiError toApiError(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (failure instanceof ApiError api) {
            return api;
        }
        if (failure instanceof NotFoundException nf) {
            return new ApiError(404, "not_found", nf.getMessage(), new JsonArray());
        }
        int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
        if (status == 404) {
            return new ApiError(404, "not_found", "no such page or endpoint: " + ctx.request().path(), new JsonArray());
        }
        if (status == 413) {
            return new ApiError(413, "body_too_large", "request body is larger than 1 MiB", new JsonArray());
        }
        if (status == 500) {
            LOG.error("Request {} {} failed", ctx.request().method(), ctx.request().path(), failure);
            return new ApiError(500, "internal_error", "the dashboard could not answer; see its log", new JsonArray());
        }
        return new ApiError(status, "http_" + status, failure == null ? "request failed" : failure.getMessage(), new JsonArray());
    }
}
