package dev.atelier.orchestrator.http;

import io.vertx.core.Future;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;

/** Response helpers shared by the route classes. */
final class Http {
    private Http() {
    }

    /** Ends with {@code status} and the JSON of the result, or hands the failure to the error handler. */
    static void json(RoutingContext ctx, int status, Future<?> result) {
        result.onSuccess(body -> ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(Json.encode(body)))
                .onFailure(ctx::fail);
    }

    /** The request's media type without parameters, lower case; empty when absent. */
    static String mediaType(RoutingContext ctx) {
        String header = ctx.request().getHeader("Content-Type");
        return header == null ? "" : header.split(";")[0].trim().toLowerCase(Locale.ROOT);
    }
}
