package dev.atelier.dashboard.http;

import dev.atelier.dashboard.live.Addresses;
import dev.atelier.dashboard.ops.DashboardMetrics;
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
    static final String PATH = "/api/events";
    private static final long KEEP_ALIVE_MILLIS = 15_000;
    private static final Set<String> ALL_KINDS = Set.of("epoch", "run");
    private static final String RESYNC = "event: resync\ndata: {\"kind\":\"resync\"}\n\n";

    private final Vertx vertx;
    private final DashboardMetrics metrics;
    private final Set<Stream> streams = new LinkedHashSet<>();

    LiveEvents(Vertx vertx, DashboardMetrics metrics) {
        this.vertx = vertx;
        this.metrics = metrics;
        vertx.eventBus().<JsonObject>consumer(Addresses.LIVE, msg -> broadcast(msg.body(), msg.headers().get(Addresses.RECEIVED_NANOS)));
    }

    void handle(RoutingContext ctx) {
        String kinds = ctx.request().getParam("kinds");
        Stream stream = new Stream(ctx.response(), ctx.request().getParam("sweep"), ctx.request().getParam("run"),
                kinds == null ? ALL_KINDS : Set.of(kinds.split(",")));
        streams.add(stream);
        metrics.streamOpened();
        long keepAlive = vertx.setPeriodic(KEEP_ALIVE_MILLIS, t -> stream.response.write(": keep-alive\n\n"));
        stream.response.closeHandler(v -> {
            if (streams.remove(stream)) {
                metrics.streamClosed();
            }
            vertx.cancelTimer(keepAlive);
        });
        stream.response.setChunked(true)
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                .putHeader("X-Accel-Buffering", "no")
                .write("retry: 1000\n\n");
    }

    private void broadcast(JsonObject event, String receivedNanos) {
        String frame = null;
        int written = 0;
        for (Stream s : streams) {
            if (s.wants(event)) {
                if (frame == null) {
                    frame = "event: " + event.getString("kind") + "\ndata: " + event.encode() + "\n\n";
                }
                if (s.send(frame)) {
                    written++;
                }
            }
        }
        if (written > 0) {
            metrics.eventsPushed(written);
            if (receivedNanos != null) {
                metrics.pushedAfter(Long.parseLong(receivedNanos));
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
        boolean send(String frame) {
            if (lagging) {
                return false;
            }
            if (response.writeQueueFull()) {
                lagging = true;
                response.drainHandler(v -> {
                    lagging = false;
                    response.write(RESYNC);
                });
                return false;
            }
            response.write(frame);
            return true;
        }
    }
}
