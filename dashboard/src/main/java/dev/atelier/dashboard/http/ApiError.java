package dev.atelier.dashboard.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** An HTTP error with the team's body shape {@code {code, message, details:[{field, problem, allowed}]}}. */
public final class ApiError extends RuntimeException {
    private final int status;
    private final String code;
    private final JsonArray details;

    public ApiError(int status, String code, String message, JsonArray details) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.details = details;
    }

    static ApiError badParameter(String field, String problem, String allowed) {
        return new ApiError(400, "bad_parameter", "query parameter '" + field + "': " + problem,
                new JsonArray().add(new JsonObject().put("field", field).put("problem", problem).put("allowed", allowed)));
    }

    int status() {
        return status;
    }

    JsonObject body() {
        return new JsonObject().put("code", code).put("message", getMessage()).put("details", details);
    }
}
