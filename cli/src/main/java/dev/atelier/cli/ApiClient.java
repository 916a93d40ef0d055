package dev.atelier.cli;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The few orchestrator API calls the CLI makes ({@code ./atelier sweep}, {@code ./atelier status}), over java.net.http. */
final class ApiClient {
    /** The orchestrator answered with an error status; {@link #lines()} are what to show the user. */
    static final class ApiException extends RuntimeException {
        private final int status;
        private final List<String> lines;

        ApiException(int status, List<String> lines) {
            super(String.join("; ", lines));
            this.status = status;
            this.lines = lines;
        }

        int status() {
            return status;
        }

        List<String> lines() {
            return lines;
        }

        /** 2 for a request the user can fix (4xx), 1 for a failing orchestrator. */
        int exitCode() {
            return status >= 400 && status < 500 ? 2 : 1;
        }
    }

    /** The orchestrator could not be reached at all. */
    static final class UnreachableException extends RuntimeException {
        UnreachableException(String message) {
            super(message);
        }
    }

    private final String base;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ApiClient(String base, String token) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.token = token;
    }

    /** The token from {@code --token}, else {@code $ATELIER_API_TOKEN}, else none. */
    static String token(String option) {
        return option != null ? option : System.getenv("ATELIER_API_TOKEN");
    }

    String base() {
        return base;
    }

    /** Submits a sweep in the command-line text form; returns the created sweep. */
    JsonObject submitText(String words) {
        return (JsonObject) send(HttpRequest.newBuilder(uri("/api/v1/sweeps")).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(words)));
    }

    JsonObject getObject(String path) {
        return (JsonObject) send(HttpRequest.newBuilder(uri(path)).GET());
    }

    JsonArray getArray(String path) {
        return (JsonArray) send(HttpRequest.newBuilder(uri(path)).GET());
    }

    private URI uri(String path) {
        try {
            return URI.create(base + path);
        } catch (IllegalArgumentException e) {
            throw new UnreachableException("'" + base + "' is not a valid orchestrator URL (give --api http://HOST:8081)");
        }
    }

    private Object send(HttpRequest.Builder request) {
        if (token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UnreachableException("cannot reach the orchestrator at " + base + " (" + reason(e)
                    + "); start it with './atelier orchestrator' or './atelier up', or point --api at it");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnreachableException("interrupted while calling " + base);
        } catch (IllegalArgumentException e) {
            throw new UnreachableException("'" + base + "' is not a valid orchestrator URL (give --api http://HOST:8081)");
        }
        Object body = parse(response.body());
        if (response.statusCode() >= 300) {
            throw new ApiException(response.statusCode(), problems(response.statusCode(), body, response.body()));
        }
        if (body == null) {
            throw new ApiException(response.statusCode(), List.of(base + " did not answer with JSON; is it an Atelier orchestrator?"));
        }
        return body;
    }

    private static Object parse(String text) {
        try {
            return text == null || text.isBlank() ? null : Json.decodeValue(text);
        } catch (DecodeException e) {
            return null;
        }
    }

    /** One line per problem: {@code field: problem (allowed: ...)}, or the error message when there are no details. */
    static List<String> problems(int status, Object body, String raw) {
        List<String> lines = new ArrayList<>();
        if (body instanceof JsonObject error) {
            JsonArray details = error.getJsonArray("details", new JsonArray());
            for (int i = 0; i < details.size(); i++) {
                JsonObject d = details.getJsonObject(i);
                String allowed = d.getString("allowed");
                lines.add((d.getString("field") == null ? "" : d.getString("field") + ": ") + d.getString("problem")
                        + (allowed == null || allowed.isBlank() ? "" : " (allowed: " + allowed + ")"));
            }
            if (lines.isEmpty()) {
                lines.add(error.getString("message", "HTTP " + status) + (error.getString("code") == null ? "" : " [" + error.getString("code") + "]"));
            }
        } else {
            lines.add("HTTP " + status + (raw == null || raw.isBlank() ? "" : ": " + raw.strip().lines().findFirst().orElse("")));
        }
        return lines;
    }

    private static String reason(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && (t.getMessage() == null || t.getMessage().isBlank())) {
            t = t.getCause();
        }
        String message = t.getMessage();
        return message == null || message.isBlank() ? "connection refused" : message;
    }
}
