package dev.atelier.orchestrator.http;

import dev.atelier.orchestrator.dispatch.Dispatcher;
import dev.atelier.orchestrator.persistence.Db;
import dev.atelier.orchestrator.persistence.SweepStore;
import dev.atelier.orchestrator.sweep.SweepService;
import dev.atelier.schemas.config.ConfigProblem;
import dev.atelier.schemas.sweep.SweepParser;
import dev.atelier.schemas.sweep.SweepSpec;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/** /api/v1/sweeps: submit (JSON or text/plain), list, show, cancel, retry failed runs. */
final class SweepRoutes {
    private final Db db;
    private final SweepService sweeps;
    private final ContractValidator contract;

    SweepRoutes(Db db, SweepService sweeps, ContractValidator contract) {
        this.db = db;
        this.sweeps = sweeps;
        this.contract = contract;
    }

    void mount(Router router, Handler<RoutingContext> auth, Handler<RoutingContext> body) {
        router.post("/api/v1/sweeps").handler(auth).handler(body).handler(this::create);
        router.get("/api/v1/sweeps").handler(ctx -> {
            int limit = limit(ctx.queryParams().get("limit"));
            Http.json(ctx, 200, db.tx(c -> SweepStore.list(c, limit)));
        });
        router.get("/api/v1/sweeps/:id").handler(ctx -> Http.json(ctx, 200, found(db.tx(c -> SweepStore.get(c, ctx.pathParam("id"))), ctx)));
        router.post("/api/v1/sweeps/:id/cancel").handler(auth).handler(ctx -> Http.json(ctx, 200, found(sweeps.cancel(ctx.pathParam("id")), ctx)));
        router.post("/api/v1/sweeps/:id/retry-failed").handler(auth).handler(ctx -> Http.json(ctx, 200,
                found(sweeps.retryFailed(ctx.pathParam("id")), ctx).onSuccess(r -> ctx.vertx().eventBus().send(Dispatcher.WAKE, null))));
    }

    private void create(RoutingContext ctx) {
        SweepSpec spec = parse(ctx);
        Http.json(ctx, 201, sweeps.create(spec).onSuccess(created -> {
            ctx.response().putHeader("Location", "/api/v1/sweeps/" + created.getString("id"));
            ctx.vertx().eventBus().send(Dispatcher.WAKE, null);
        }));
    }

    private SweepSpec parse(RoutingContext ctx) {
        String contentType = Http.mediaType(ctx);
        String text = ctx.body().asString();
        if (contentType.equals("text/plain")) {
            if (text == null || text.isBlank()) {
                throw new ApiError(400, "EMPTY_BODY", "the text/plain body is empty; send key=value words, e.g. 'architecture=fcn,cnn lr=0.001,0.003 epochs=5'");
            }
            return SweepParser.fromText(text);
        }
        if (!contentType.equals("application/json")) {
            throw new ApiError(415, "UNSUPPORTED_MEDIA_TYPE", "Content-Type '" + (contentType.isEmpty() ? "(none)" : contentType)
                    + "' is not accepted for sweeps; send application/json or text/plain");
        }
        Object parsed;
        try {
            parsed = text == null || text.isBlank() ? null : Json.decodeValue(text);
        } catch (DecodeException e) {
            throw new ApiError(400, "MALFORMED_JSON", "the request body is not valid JSON: " + e.getMessage().replaceAll("\\s+", " "));
        }
        if (!(parsed instanceof JsonObject json)) {
            throw new ApiError(400, "MALFORMED_JSON", "the request body must be a JSON object like {\"grid\": {\"lr\": [0.001, 0.003]}}, got "
                    + (parsed == null ? "nothing" : parsed.getClass().getSimpleName().replace("Json", "a JSON ").toLowerCase()));
        }
        SweepSpec spec = SweepParser.fromJson(json);
        contract.validateSweepRequest(json);
        return spec;
    }

    private static int limit(String raw) {
        try {
            int limit = raw == null ? 100 : Integer.parseInt(raw.trim());
            if (limit >= 1 && limit <= 1000) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ApiError(400, "INVALID_REQUEST", "limit '" + raw + "' is not an integer in [1, 1000]",
                List.of(new ConfigProblem("limit", "'" + raw + "' is not an integer in range", "integer in [1, 1000]")));
    }

    static <T> Future<T> found(Future<T> result, RoutingContext ctx) {
        return result.compose(r -> r == null ? Future.failedFuture(ApiError.notFound("sweep", ctx.pathParam("id"))) : Future.succeededFuture(r));
    }
}
