package dev.atelier.orchestrator.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.orchestrator.support.Harness;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad requests get a specific status, code and message, and change nothing in the store. */
class ApiValidationIT {
    private static final String JSON = "application/json";
    private static final String TEXT = "text/plain";
    private static final String OK = Harness.TOKEN;
    private static Harness h;

    @BeforeAll
    static void start() {
        h = new Harness(Duration.ofSeconds(60)).start(true);
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    static Stream<Arguments> badRequests() {
        String big = "{\"name\": \"" + "x".repeat(1024 * 1024 + 10) + "\"}";
        return Stream.of(
                bad("POST", "/api/v1/sweeps", JSON, "{\"name\": ", OK, 400, "MALFORMED_JSON", "not valid JSON"),
                bad("POST", "/api/v1/sweeps", JSON, "[1, 2]", OK, 400, "MALFORMED_JSON", "must be a JSON object"),
                bad("POST", "/api/v1/sweeps", JSON, "", OK, 400, "MALFORMED_JSON", "got nothing"),
                bad("POST", "/api/v1/sweeps", "application/xml", "<sweep/>", OK, 415, "UNSUPPORTED_MEDIA_TYPE", "'application/xml' is not accepted"),
                bad("POST", "/api/v1/sweeps", null, "{}", OK, 415, "UNSUPPORTED_MEDIA_TYPE", "'(none)'"),
                bad("POST", "/api/v1/sweeps", JSON, "{\"nme\": \"x\"}", OK, 400, "UNKNOWN_FIELD", "unknown field 'nme'"),
                bad("POST", "/api/v1/sweeps", JSON, "{\"base\": {\"lrr\": 0.1}}", OK, 400, "INVALID_CONFIG", "did you mean 'lr'"),
                bad("POST", "/api/v1/sweeps", JSON, "{\"trials\": \"three\"}", OK, 400, "INVALID_REQUEST", "trials: 'three' is not an integer"),
                bad("POST", "/api/v1/sweeps", JSON, "{\"grid\": {\"lr\": 0.1}}", OK, 400, "INVALID_REQUEST", "grid.lr: must be a non-empty array"),
                bad("POST", "/api/v1/sweeps", JSON, "{\"grid\": {\"lr\": []}}", OK, 400, "INVALID_REQUEST", "grid.lr: must be a non-empty array"),
                bad("POST", "/api/v1/sweeps", JSON, "{\"grid\": {\"lr\": [0.001, 50]}}", OK, 400, "INVALID_CONFIG", "grid.lr[1]: '50' is above the maximum"),
                bad("POST", "/api/v1/sweeps", JSON, "{\"base\": {\"architecture\": \"rnn\"}}", OK, 400, "INVALID_CONFIG", "(allowed: fcn|cnn)"),
                bad("POST", "/api/v1/sweeps", JSON, "{\"base\": {\"batch_size\": 0}}", OK, 400, "INVALID_CONFIG", "base.batch_size: '0' is below the minimum"),
                bad("POST", "/api/v1/sweeps", JSON, "{\"random\": {\"lr\": {\"dist\": \"normal\"}}}", OK, 400, "INVALID_REQUEST", "'normal' is not a distribution"),
                bad("POST", "/api/v1/sweeps", JSON, "{\"random\": {\"lr\": {\"dist\": \"loguniform\", \"min\": 0, \"max\": 1}}}", OK, 400, "INVALID_REQUEST", "0 < min <= max"),
                bad("POST", "/api/v1/sweeps", JSON, "{\"random\": {\"optimizer\": {\"dist\": \"uniform\", \"min\": 0, \"max\": 1}}}", OK, 400, "INVALID_CONFIG", "not numeric"),
                bad("POST", "/api/v1/sweeps", JSON, "{\"grid\": {\"lr\": [0.1]}, \"random\": {\"lr\": {\"dist\": \"choice\", \"values\": [0.2]}}}", OK, 400, "INVALID_REQUEST", "both a grid and a random axis"),
                bad("POST", "/api/v1/sweeps", JSON, "{\"max_parallel\": -1}", OK, 400, "INVALID_REQUEST", "max_parallel"),
                bad("POST", "/api/v1/sweeps", JSON, "{\"grid\": {\"lr\": [0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8,0.9,1.0,1.1], \"batch_size\": [1,2,3,4,5,6,7,8,9,10]}, \"trials\": 10}",
                        OK, 400, "SWEEP_TOO_LARGE", "would create 1100 runs"),
                bad("POST", "/api/v1/sweeps", JSON, big, OK, 413, "BODY_TOO_LARGE", "1048576 bytes"),
                bad("POST", "/api/v1/sweeps", TEXT, "architecture=fcn,cnn lr", OK, 400, "INVALID_REQUEST", "expected key=value"),
                bad("POST", "/api/v1/sweeps", TEXT, "architectur=fcn,cnn", OK, 400, "INVALID_CONFIG", "did you mean 'architecture'"),
                bad("POST", "/api/v1/sweeps", TEXT, "lr=1,2,3,4,5,6,7,8,9,10,11 epochs=1,2,3,4,5,6,7,8,9,10 trials=10", OK, 400, "SWEEP_TOO_LARGE", "1100 runs"),
                bad("POST", "/api/v1/sweeps", TEXT, "lr=~gauss(1,2)", OK, 400, "INVALID_REQUEST", "is not a random axis"),
                bad("POST", "/api/v1/sweeps", TEXT, "  ", OK, 400, "EMPTY_BODY", "body is empty"),
                bad("POST", "/api/v1/sweeps", JSON, "{\"name\": \"x\"}", null, 401, "UNAUTHORIZED", "needs 'Authorization: Bearer"),
                bad("POST", "/api/v1/sweeps", JSON, "{\"name\": \"x\"}", "wrong", 401, "UNAUTHORIZED", "token is wrong"),
                bad("POST", "/api/v1/runs/nope/cancel", null, null, null, 401, "UNAUTHORIZED", "Bearer"),
                bad("PUT", "/api/v1/runs/nope/artifacts/model.params", "application/octet-stream", "abc", "wrong", 401, "UNAUTHORIZED", "wrong"),
                bad("POST", "/api/v1/sweeps/sw-none/cancel", null, null, OK, 404, "NOT_FOUND", "no sweep with id 'sw-none'"),
                bad("POST", "/api/v1/runs/r-none/retry", null, null, OK, 404, "NOT_FOUND", "no run with id 'r-none'"),
                bad("GET", "/api/v1/nothing", null, null, null, 404, "NOT_FOUND", "no such endpoint"),
                bad("GET", "/api/v1/sweeps?limit=lots", null, null, null, 400, "INVALID_REQUEST", "limit 'lots' is not an integer"),
                bad("GET", "/api/v1/runs/r-none/artifacts/model.params", null, null, null, 404, "NOT_FOUND", "no artifact 'model.params'"));
    }

    private static Arguments bad(String method, String path, String type, String body, String token, int status, String code, String message) {
        return Arguments.of(method, path, type, body, token, status, code, message);
    }

    @ParameterizedTest(name = "[{index}] {0} {1} {2} -> {5} {6}")
    @MethodSource("badRequests")
    void badRequestIsAnsweredPreciselyAndChangesNothing(String method, String path, String type, String body, String token,
                                                        int status, String code, String message) {
        long before = rows();
        HttpResponse<String> r = h.request(method, path, type, body, token);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonObject error = new JsonObject(r.body());
        assertThat(error.getString("code")).isEqualTo(code);
        assertThat(error.getString("message") + " " + error.getJsonArray("details").encode()).contains(message);
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void detailsSayWhichFieldIsWrongAndWhatIsAllowed() {
        HttpResponse<String> r = h.request("POST", "/api/v1/sweeps", JSON, "{\"grid\": {\"optimizer\": [\"sgd\", \"rmsprop\"]}}", OK);
        JsonObject detail = new JsonObject(r.body()).getJsonArray("details").getJsonObject(0);
        assertThat(detail.getString("field")).isEqualTo("grid.optimizer[1]");
        assertThat(detail.getString("problem")).contains("'rmsprop'");
        assertThat(detail.getString("allowed")).isEqualTo("sgd|adam|adamw");
    }

    @Test
    void aGoodSweepIsAcceptedAndReadsAreOpenWithoutToken() {
        JsonObject created = h.postSweep(TEXT, "architecture=fcn,cnn lr=0.001,0.003 epochs=2");
        assertThat(created.getInteger("runCount")).isEqualTo(4);
        JsonObject sweep = h.getJson("/api/v1/sweeps/" + created.getString("id"));
        assertThat(sweep.getJsonObject("counts").getInteger("queued")).isEqualTo(4);
        assertThat(sweep.getJsonArray("runs").getJsonObject(3).getJsonObject("config").getString("architecture")).isEqualTo("cnn");
        assertThat(h.request("GET", "/api/v1/openapi.yaml", null, null, null).body()).startsWith("openapi: 3.1.0");
        assertThat(h.request("GET", "/health/ready", null, null, null).statusCode()).isEqualTo(200);
        assertThat(h.request("GET", "/metrics", null, null, null).body()).contains("atelier_runs{state=\"queued\"}");
    }

    private static long rows() {
        return h.count("SELECT (SELECT count(*) FROM sweeps) + (SELECT count(*) FROM runs) + (SELECT count(*) FROM outbox) + (SELECT count(*) FROM artifacts)");
    }
}
