package dev.atelier.orchestrator.http;

import dev.atelier.orchestrator.config.OrchestratorConfig;
import dev.atelier.schemas.sweep.SweepException;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one failure handler of the HTTP server: every error leaves as {@code {code, message, details}}. */
final class ErrorHandler implements Handler<RoutingContext> {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorHandler.class);

    @Override
    public void handle(RoutingContext ctx) {
        ApiError error = toApiError(ctx);
        if (error.status() >= 500) {
            LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), ctx.failure());
        }
        if (!ctx.response().ended()) {
            ctx.response().setStatusCode(error.status()).putHeader("Content-Type", "application/json").end(error.body().encode());
        }
    }

    private static ApiError toApiError(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (failure instanceof ApiError e) {
            return e;
        }
        if (failure instanceof SweepException e) {
            return new ApiError(400, e.code(), e.getMessage(), e.details());
        }
        return switch (ctx.statusCode()) {
            case 413 -> new ApiError(413, "BODY_TOO_LARGE", "the request body is larger than the limit of "
                    + (ctx.request().path().contains("/artifacts/") ? "the artifact store" : OrchestratorConfig.BODY_LIMIT_BYTES + " bytes (1 MiB)"));
            case 404 -> new ApiError(404, "NOT_FOUND", "no such endpoint: " + ctx.request().method() + " " + ctx.request().path()
                    + "; see /api/v1/openapi.yaml");
            case 405 -> new ApiError(405, "METHOD_NOT_ALLOWED", ctx.request().method() + " is not allowed on " + ctx.request().path());
            default -> new ApiError(500, "INTERNAL", "internal error: " + (failure == null ? "status " + ctx.statusCode() : failure.toString()));
        };
    }
}
