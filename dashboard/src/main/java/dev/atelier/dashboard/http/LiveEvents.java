package dev.atelier.dashboard.http;

import dev.atelier.dashboard.live.Addresses;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/**
 * {@code GET /api/events[?sweep=ID|run=ID][&kinds=epoch,run]}: Server-Sent Events ({@code event: epoch|run|resync}). One-way push is all
 * the UI needs, EventSource reconnects on its own, and it passes through proxies as plain HTTP.
 */
final class LiveEvents {
    private static final long KEEP_ALIVE_MILLIS = 15_000;
    private static final Set<String> ALL_KINDS = Set.of("epoch", "run");
    private final Vertx vertx;

    LiveEvents(Vertx vertx) {
        this.vertx = vertx;
    }

    void handle(RoutingContext ctx) {
        String sweep = ctx.request().getParam("sweep");
        String run = ctx.request().getParam("run");
        String kindsParam = ctx.request().getParam("kinds");
        Set<String> kinds = kindsParam == null ? ALL_KINDS : Set.of(kindsParam.split(","));
        HttpServerResponse response = ctx.response();
        response.setChunked(true)
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                .putHeader("X-Accel-Buffering", "no");
        response.write("retry: 1000\n\n");
        boolean[] lagging = {false};
        MessageConsumer<JsonObject> consumer = vertx.eventBus().consumer(Addresses.LIVE, msg -> {
            JsonObject event = msg.body();
            if (!wanted(event, kinds, sweep, run) || lagging[0]) {
                return;
            }
            if (response.writeQueueFull()) {
                // a slow browser: drop events until it catches up, then tell it to reload what it missed
                lagging[0] = true;
                response.drainHandler(v -> {
                    lagging[0] = false;
                    response.write("event: resync\ndata: {\"kind\":\"resync\"}\n\n");
                });
                return;
            }
            response.write("event: " + event.getString("kind") + "\ndata: " + event.encode() + "\n\n");
        });
        long keepAlive = vertx.setPeriodic(KEEP_ALIVE_MILLIS, t -> response.write(": keep-alive\n\n"));
        response.closeHandler(v -> {
            consumer.unregister();
            vertx.cancelTimer(keepAlive);
        });
    }

    private static boolean wanted(JsonObject event, Set<String> kinds, String sweep, String run) {
        String kind = event.getString("kind");
        if ("resync".equals(kind)) {
            return true;
        }
        if (!kinds.contains(kind)) {
            return false;
        }
        return (sweep == null || sweep.equals(event.getString("sweepId"))) && (run == null || run.equals(event.getString("runId")));
    }
}
