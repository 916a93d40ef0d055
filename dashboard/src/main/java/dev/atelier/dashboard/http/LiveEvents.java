package dev.atelier.dashboard.http;

import dev.atelier.dashboard.live.Addresses;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/events[?sweep=ID|run=ID]}: Server-Sent Events ({@code event: epoch|run|resync}). One-way push is all
 * the UI needs, EventSource reconnects on its own, and it passes through proxies as plain HTTP.
 */
final class LiveEvents {
    private static final long KEEP_ALIVE_MILLIS = 15_000;
    private final Vertx vertx;

    LiveEvents(Vertx vertx) {
        this.vertx = vertx;
    }

    void handle(RoutingContext ctx) {
        String sweep = ctx.request().getParam("sweep");
        String run = ctx.request().getParam("run");
        HttpServerResponse response = ctx.response();
        response.setChunked(true)
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                .putHeader("X-Accel-Buffering", "no");
        response.write("retry: 1000\n\n");
        MessageConsumer<JsonObject> consumer = vertx.eventBus().consumer(Addresses.LIVE, msg -> {
            JsonObject event = msg.body();
            if (wanted(event, sweep, run) && !response.writeQueueFull()) {
                response.write("event: " + event.getString("kind") + "\ndata: " + event.encode() + "\n\n");
            }
        });
        long keepAlive = vertx.setPeriodic(KEEP_ALIVE_MILLIS, t -> response.write(": keep-alive\n\n"));
        response.closeHandler(v -> {
            consumer.unregister();
            vertx.cancelTimer(keepAlive);
        });
    }

    private static boolean wanted(JsonObject event, String sweep, String run) {
        if ("resync".equals(event.getString("kind"))) {
            return true;
        }
        return (sweep == null || sweep.equals(event.getString("sweepId"))) && (run == null || run.equals(event.getString("runId")));
    }
}
