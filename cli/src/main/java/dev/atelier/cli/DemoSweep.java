package dev.atelier.cli;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Submits a sweep in the text/plain command-line form through the orchestrator's API, as a curl user would. */
final class DemoSweep {
    private DemoSweep() {
    }

    /** @return a line describing the created sweep */
    static String submit(String api, String token, String text) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(api + "/api/v1/sweeps"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "text/plain")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(text)).build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IOException("demo sweep refused (" + response.statusCode() + "): " + response.body());
        }
        JsonObject body = new JsonObject(response.body());
        return body.getString("id") + " (" + text + ")";
    }
}
