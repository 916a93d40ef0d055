package dev.atelier.dashboard.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards the UI's mutating calls (submit, cancel, retry) to the orchestrator's API unchanged, with the caller's
 * bearer token. The dashboard has no write path of its own: status codes and error bodies are the orchestrator's.
 */
final class OrchestratorProxy {
    private static final Logger LOG = LoggerFactory.getLogger(OrchestratorProxy.class);
    private static final List<String> FORWARDED_HEADERS = List.of("Content-Type", "Authorization", "Accept");
    private static final long TIMEOUT_MILLIS = 30_000;

    private final WebClient client;
    private final URI orchestrator;

    OrchestratorProxy(WebClient client, URI orchestrator) {
        this.client = client;
        this.orchestrator = orchestrator;
    }

    void mount(Router router) {
        router.post("/api/v1/sweeps").handler(ctx -> forward(ctx, "/api/v1/sweeps"));
        router.post("/api/v1/sweeps/:id/:action").handler(ctx -> action(ctx, "sweeps", List.of("cancel", "retry-failed")));
        router.post("/api/v1/runs/:id/:action").handler(ctx -> action(ctx, "runs", List.of("cancel", "retry")));
    }

    private void action(RoutingContext ctx, String kind, List<String> actions) {
        String action = ctx.pathParam("action");
        if (!actions.contains(action)) {
            ctx.fail(new ApiError(404, "not_found", "unknown " + kind + " action '" + action + "'", new JsonArray()));
            return;
        }
        forward(ctx, "/api/v1/" + kind + "/" + URLEncoder.encode(ctx.pathParam("id"), StandardCharsets.UTF_8) + "/" + action);
    }

    private void forward(RoutingContext ctx, String path) {
        var request = client.requestAbs(HttpMethod.POST, orchestrator.resolve(path).toString()).timeout(TIMEOUT_MILLIS);
        FORWARDED_HEADERS.forEach(h -> {
            String v = ctx.request().getHeader(h);
            if (v != null) {
                request.putHeader(h, v);
            }
        });
        Buffer body = ctx.body().buffer();
        request.sendBuffer(body == null ? Buffer.buffer() : body)
                .onSuccess(resp -> relay(ctx, resp))
                .onFailure(e -> {
                    LOG.warn("Orchestrator call POST {} failed: {}", path, e.getMessage());
                    ctx.fail(new ApiError(502, "orchestrator_unavailable",
                            "could not reach the orchestrator at " + orchestrator + " (" + e.getMessage() + ")", new JsonArray()));
                });
    }

    private static void relay(RoutingContext ctx, HttpResponse<Buffer> resp) {
        String type = resp.getHeader("Content-Type");
        ctx.response().setStatusCode(resp.statusCode()).putHeader("Content-Type", type == null ? "application/json" : type)
                .end(resp.body() == null ? Buffer.buffer() : resp.body());
    }
}
