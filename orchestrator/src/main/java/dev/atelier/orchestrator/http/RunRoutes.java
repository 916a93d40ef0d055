package dev.atelier.orchestrator.http;

import dev.atelier.orchestrator.config.OrchestratorConfig;
import dev.atelier.orchestrator.dispatch.Dispatcher;
import dev.atelier.orchestrator.dispatch.OutboxPublisher;
import dev.atelier.orchestrator.persistence.ArtifactStore;
import dev.atelier.orchestrator.persistence.Db;
import dev.atelier.orchestrator.persistence.RunStore;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.regex.Pattern;

/** /api/v1/runs/{id}: show, metrics, cancel, retry, artifacts. */
final class RunRoutes {
    private static final Pattern ARTIFACT_NAME = Pattern.compile("[A-Za-z0-9._-]{1,200}");
    private static final List<String> TERMINAL = List.of("completed", "failed", "cancelled");
    private final Db db;
    private final OrchestratorConfig config;

    RunRoutes(Db db, OrchestratorConfig config) {
        this.db = db;
        this.config = config;
    }

    void mount(Router router, Handler<RoutingContext> auth, Handler<RoutingContext> artifactBody) {
        router.get("/api/v1/runs/:id").handler(ctx -> Http.json(ctx, 200, found(db.tx(c -> RunStore.get(c, id(ctx))), ctx)));
        router.get("/api/v1/runs/:id/metrics").handler(ctx -> Http.json(ctx, 200, db.tx(c -> RunStore.get(c, id(ctx)) == null ? null : RunStore.metrics(c, id(ctx)))
                .compose(m -> m == null ? Future.failedFuture(ApiError.notFound("run", id(ctx))) : Future.succeededFuture(m))));
        router.post("/api/v1/runs/:id/cancel").handler(auth).handler(this::cancel);
        router.post("/api/v1/runs/:id/retry").handler(auth).handler(this::retry);
        router.get("/api/v1/runs/:id/artifacts/:name").handler(this::getArtifact);
        router.put("/api/v1/runs/:id/artifacts/:name").handler(auth).handler(artifactBody).handler(this::putArtifact);
    }

    private void cancel(RoutingContext ctx) {
        Http.json(ctx, 200, found(db.tx(c -> RunStore.cancel(c, config.topics(), id(ctx), "cancelled by the user")), ctx).map(before -> {
            if (TERMINAL.contains(before)) {
                throw new ApiError(409, "RUN_FINISHED", "run " + id(ctx) + " is already " + before + "; there is nothing to cancel");
            }
            ctx.vertx().eventBus().send(OutboxPublisher.WAKE, null);
            return new JsonObject().put("id", id(ctx)).put("state", before.equals("queued") ? "cancelled" : before).put("cancelRequested", true);
        }));
    }

    private void retry(RoutingContext ctx) {
        Http.json(ctx, 200, found(db.tx(c -> RunStore.retry(c, id(ctx))), ctx).map(before -> {
            if (!before.equals("failed") && !before.equals("cancelled")) {
                throw new ApiError(409, "RUN_NOT_RETRYABLE", "run " + id(ctx) + " is " + before + "; only failed or cancelled runs can be retried");
            }
            ctx.vertx().eventBus().send(Dispatcher.WAKE, null);
            return new JsonObject().put("id", id(ctx)).put("state", "queued");
        }));
    }

    private void getArtifact(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        db.tx(c -> ArtifactStore.get(c, id(ctx), name)).onSuccess(a -> {
            if (a == null) {
                ctx.fail(new ApiError(404, "NOT_FOUND", "run " + id(ctx) + " has no artifact '" + name + "'"));
            } else {
                ctx.response().putHeader("Content-Type", a.contentType()).putHeader("ETag", "\"" + a.sha256() + "\"").end(Buffer.buffer(a.data()));
            }
        }).onFailure(ctx::fail);
    }

    private void putArtifact(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        if (!ARTIFACT_NAME.matcher(name).matches()) {
            throw new ApiError(400, "INVALID_ARTIFACT_NAME", "artifact name '" + name + "' is not allowed",
                    List.of(new dev.atelier.schemas.config.ConfigProblem("name", "invalid characters or length", "1-200 of A-Z a-z 0-9 . _ -")));
        }
        String type = Http.mediaType(ctx).isEmpty() ? "application/octet-stream" : Http.mediaType(ctx);
        byte[] data = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        Http.json(ctx, 201, db.tx(c -> ArtifactStore.put(c, id(ctx), name, type, data)).map(stored -> {
            if (!stored) {
                throw ApiError.notFound("run", id(ctx));
            }
            return new JsonObject().put("runId", id(ctx)).put("name", name).put("contentType", type).put("sizeBytes", data.length);
        }));
    }

    private static String id(RoutingContext ctx) {
        return ctx.pathParam("id");
    }

    private static <T> Future<T> found(Future<T> result, RoutingContext ctx) {
        return result.compose(r -> r == null ? Future.failedFuture(ApiError.notFound("run", id(ctx))) : Future.succeededFuture(r));
    }
}
