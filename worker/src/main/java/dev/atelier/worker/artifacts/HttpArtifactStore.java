package dev.atelier.worker.artifacts;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Artifacts kept by the orchestrator: {@code PUT|GET {base}/api/v1/runs/{runId}/artifacts/{name}}, with
 * {@code Authorization: Bearer <token>} when a token is configured (ATELIER_API_TOKEN).
 */
public final class HttpArtifactStore implements ArtifactStore {
    private final WebClient client;
    private final String base;
    private final String token;

    /**
     * @param orchestratorUrl e.g. {@code http://host:8081}
     * @param token bearer token, or null/blank for none
     */
    public HttpArtifactStore(WebClient client, String orchestratorUrl, String token) {
        this.client = client;
        this.base = orchestratorUrl.endsWith("/") ? orchestratorUrl.substring(0, orchestratorUrl.length() - 1) : orchestratorUrl;
        this.token = token == null || token.isBlank() ? null : token;
    }

    @Override
    public Future<Void> put(String runId, String name, Buffer data) {
        String url = reference(runId, name);
        return request(HttpMethod.PUT, url)
                .putHeader("Content-Type", "application/octet-stream")
                .sendBuffer(data)
                .compose(resp -> resp.statusCode() / 100 == 2 ? Future.<Void>succeededFuture() : Future.failedFuture(failure("PUT", url, resp)));
    }

    @Override
    public Future<Optional<Buffer>> get(String runId, String name) {
        String url = reference(runId, name);
        return request(HttpMethod.GET, url).send().compose(resp -> {
            if (resp.statusCode() == 404) {
                return Future.succeededFuture(Optional.empty());
            }
            if (resp.statusCode() / 100 != 2) {
                return Future.failedFuture(failure("GET", url, resp));
            }
            return Future.succeededFuture(Optional.of(resp.body() == null ? Buffer.buffer() : resp.body()));
        });
    }

    @Override
    public String reference(String runId, String name) {
        return base + "/api/v1/runs/" + encode(ArtifactStore.requireSafe("runId", runId)) + "/artifacts/"
                + encode(ArtifactStore.requireSafe("artifact name", name));
    }

    private HttpRequest<Buffer> request(HttpMethod method, String url) {
        HttpRequest<Buffer> req = client.requestAbs(method, url).timeout(60_000);
        if (token != null) {
            req.bearerTokenAuthentication(token);
        }
        return req;
    }

    private static IllegalStateException failure(String method, String url, HttpResponse<Buffer> resp) {
        String body = resp.bodyAsString();
        return new IllegalStateException("artifact store " + method + " " + url + " answered " + resp.statusCode()
                + (body == null || body.isBlank() ? "" : ": " + body.substring(0, Math.min(300, body.length()))));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "orchestrator " + base + (token == null ? "" : " (with bearer token)");
    }
}
