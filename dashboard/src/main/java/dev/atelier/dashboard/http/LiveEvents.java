package dev.atelier.dashboard.http;

import dev.atelier.dashboard.live.Addresses;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * {@code GET /api/events[?sweep=ID|run=ID][&kinds=epoch,run]}: Server-Sent Events ({@code event: epoch|run|resync}).
 * One-way push is all the UI needs, EventSource reconnects on its own, and it passes through proxies as plain HTTP.
 * One event-bus consumer feeds every open stream; each event is encoded once. A stream is registered before its
 * first byte is written, so a page that waits for the stream to open before loading its data misses nothing.
 */
final class LiveEvents {
    private static final long KEEP_ALIVE_MILLIS = 15_000;
    private static final Set<String> ALL_KINDS = Set.of("epoch", "run");
    private static final String RESYNC = "event: resync\ndata: {\"kind\":\"resync\"}\n\n";

    private final Vertx vertx;
    private final Set<Stream> streams = new LinkedHashSet<>();

    LiveEvents(Vertx vertx) {
        this.vertx = vertx;
        vertx.eventBus().<JsonObject>consumer(Addresses.LIVE, msg -> broadcast(msg.body()));
    }

    void handle(RoutingContext ctx) {
        String kinds = ctx.request().getParam("kinds");
        Stream stream = new Stream(ctx.response(), ctx.request().getParam("sweep"), ctx.request().getParam("run"),
                kinds == null ? ALL_KINDS : Set.of(kinds.split(",")));
        streams.add(stream);
        long keepAlive = vertx.setPeriodic(KEEP_ALIVE_MILLIS, t -> stream.response.write(": keep-alive\n\n"));
        stream.response.closeHandler(v -> {
            streams.remove(stream);
            vertx.cancelTimer(keepAlive);
        });
        stream.response.setChunked(true)
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                .putHeader("X-Accel-Buffering", "no")
                .write("retry: 1000\n\n");
    }

    private void broadcast(JsonObject event) {
        String frame = null;
        for (Stream s : streams) {
            if (s.wants(event)) {
                if (frame == null) {
                    frame = "event: " + event.getString("kind") + "\ndata: " + event.encode() + "\n\n";
                }
                s.send(frame);
            }
        }
    }

    private static final class Stream {
        final HttpServerResponse response;
        final String sweep;
        final String run;
        final Set<String> kinds;
        boolean lagging;

        Stream(HttpServerResponse response, String sweep, String run, Set<String> kinds) {
            this.response = response;
            this.sweep = sweep;
            this.run = run;
            this.kinds = kinds;
        }

        boolean wants(JsonObject event) {
            String kind = event.getString("kind");
            if ("resync".equals(kind)) {
                return true;
            }
            return kinds.contains(kind) && (sweep == null || sweep.equals(event.getString("sweepId")))
                    && (run == null || run.equals(event.getString("runId")));
        }

        /** A slow browser: drop events until it catches up, then tell it to reload what it missed. */
        void send(String frame) {
            if (lagging) {
                return;
            }
            if (response.writeQueueFull()) {
                lagging = true;
                response.drainHandler(v -> {
                    lagging = false;
                    response.write(RESYNC);
                });
                return;
            }
            response.write(frame);
        }
    }
}
