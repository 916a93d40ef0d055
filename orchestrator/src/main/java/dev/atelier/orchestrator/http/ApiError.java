package dev.atelier.orchestrator.http;

import dev.atelier.schemas.config.ConfigProblem;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** An HTTP error answer: status and the body {@code {code, message, details:[{field, problem, allowed}]}}. */
public final class ApiError extends RuntimeException {
    private final int status;
    private final String code;
    private final List<ConfigProblem> details;

    public ApiError(int status, String code, String message, List<ConfigProblem> details) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.details = List.copyOf(details);
    }

    public ApiError(int status, String code, String message) {
        this(status, code, message, List.of());
    }

    public static ApiError notFound(String what, String id) {
        return new ApiError(404, "NOT_FOUND", "no " + what + " with id '" + id + "'");
    }

    public int status() {
        return status;
    }

    public JsonObject body() {
        JsonArray array = new JsonArray();
        details.forEach(d -> array.add(new JsonObject().put("field", d.field()).put("problem", d.problem()).put("allowed", d.allowed())));
        return new JsonObject().put("code", code).put("message", getMessage()).put("details", array);
    }
}
