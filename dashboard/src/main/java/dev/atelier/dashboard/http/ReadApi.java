package dev.atelier.dashboard.http;

import dev.atelier.dashboard.persistence.ReadStore;
import dev.atelier.schemas.config.OptionDef;
import dev.atelier.schemas.config.RunOptions;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import dev.atelier.schemas.sweep.SweepException;
import dev.atelier.schemas.sweep.SweepParser;
import dev.atelier.schemas.sweep.SweepPlanner;
import dev.atelier.schemas.sweep.SweepSpec;
import io.vertx.core.json.DecodeException;
import java.util.List;
import java.util.function.Function;

/** The dashboard's read endpoints under {@code /api}: JSON straight from PostgreSQL, nothing cached. */
final class ReadApi {
    static final int DEFAULT_POINTS = 100;
    private static final int MAX_PAGE_SIZE = 100;

    private final ReadStore store;
    private final String optionsJson = options().encode();

    ReadApi(ReadStore store) {
        this.store = store;
    }

    void mount(Router router) {
        router.get("/api/options").handler(ctx -> json(ctx, optionsJson));
        router.post("/api/sweeps/preview").handler(BodyHandler.create().setBodyLimit(1024 * 1024)).handler(ReadApi::preview);
        router.get("/api/sweeps").handler(ctx -> reply(ctx, c -> store.sweeps(
                intParam(c, "page", 0, 0, Integer.MAX_VALUE / MAX_PAGE_SIZE), intParam(c, "size", 20, 1, MAX_PAGE_SIZE))));
        router.get("/api/sweeps/:id").handler(ctx -> reply(ctx, c -> store.sweep(c.pathParam("id"))));
        router.get("/api/sweeps/:id/curves").handler(ctx -> reply(ctx, c -> store.sweepCurves(c.pathParam("id"), points(c))));
        router.get("/api/runs/:id").handler(ctx -> reply(ctx, c -> store.run(c.pathParam("id"))));
        router.get("/api/runs/:id/curves").handler(ctx -> reply(ctx, c -> store.runCurves(c.pathParam("id"), points(c))));
        router.get("/api/runs/:id/artifacts/:name").handler(this::artifact);
        router.get("/api/workers").handler(ctx -> reply(ctx, c -> store.workers().map(w -> new JsonObject().put("items", w))));
    }

    private void artifact(RoutingContext ctx) {
        OpsApi.rememberRoute(ctx);
        String name = ctx.pathParam("name");
        store.artifact(ctx.pathParam("id"), name).onSuccess(a -> {
            boolean image = a.contentType().startsWith("image/png") || a.contentType().startsWith("image/jpeg");
            String safeName = name.replaceAll("[^A-Za-z0-9._-]", "_");
            ctx.response()
                    .putHeader("Content-Type", image ? a.contentType() : "application/octet-stream")
                    .putHeader("Content-Disposition", (ctx.queryParam("download").isEmpty() && image ? "inline" : "attachment")
                            + "; filename=\"" + safeName + "\"")
                    .end(io.vertx.core.buffer.Buffer.buffer(a.data()));
        }).onFailure(ctx::fail);
    }

    /** How many runs a sweep spec plans, computed by the same parser and planner the orchestrator uses. */
    private static void preview(RoutingContext ctx) {
        try {
            JsonObject body = ctx.body().asJsonObject();
            if (body == null) {
                throw new ApiError(400, "empty_body", "send the sweep spec as a JSON object", new JsonArray());
            }
            SweepSpec spec = SweepParser.fromJson(body);
            json(ctx, new JsonObject().put("runs", spec.runCount()).put("limit", SweepPlanner.DEFAULT_MAX_RUNS).encode());
        } catch (SweepException e) {
            JsonArray details = new JsonArray();
            e.details().forEach(p -> details.add(new JsonObject().put("field", p.field()).put("problem", p.problem()).put("allowed", p.allowed())));
            throw new ApiError(400, e.code(), e.getMessage(), details);
        } catch (DecodeException | ClassCastException e) {
            throw new ApiError(400, "malformed_json", "the body is not a JSON object: " + e.getMessage(), new JsonArray());
        }
    }

    private static int points(RoutingContext ctx) {
        return intParam(ctx, "points", DEFAULT_POINTS, 2, 1000);
    }

    private static int intParam(RoutingContext ctx, String name, int def, int min, int max) {
        List<String> values = ctx.queryParam(name);
        if (values.isEmpty()) {
            return def;
        }
        String allowed = "integer in [" + min + ", " + max + "]";
        try {
            int v = Integer.parseInt(values.get(0).trim());
            if (v < min || v > max) {
                throw ApiError.badParameter(name, v + " is out of range", allowed);
            }
            return v;
        } catch (NumberFormatException e) {
            throw ApiError.badParameter(name, "'" + values.get(0) + "' is not an integer", allowed);
        }
    }

    private static void reply(RoutingContext ctx, Function<RoutingContext, Future<JsonObject>> work) {
        OpsApi.rememberRoute(ctx);
        work.apply(ctx).onSuccess(body -> json(ctx, body.encode())).onFailure(ctx::fail);
    }

    private static void json(RoutingContext ctx, String body) {
        ctx.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store").end(body);
    }

    /** {@link RunOptions#ALL} for the new-sweep form: the same definitions the CLI and the orchestrator use. */
    static JsonObject options() {
        JsonArray list = new JsonArray();
        for (OptionDef def : RunOptions.ALL) {
            Object dv = def.defaultValue() instanceof List<?> l ? new JsonArray(List.copyOf(l)) : def.defaultValue();
            list.add(new JsonObject().put("key", def.key()).put("type", def.type().name()).put("default", dv)
                    .put("min", def.min()).put("max", def.max()).put("choices", new JsonArray(List.copyOf(def.choices())))
                    .put("group", def.group()).put("help", def.help()).put("allowed", def.allowed()));
        }
        return new JsonObject().put("options", list);
    }
}
