package dev.atelier.orchestrator.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.atelier.schemas.config.ConfigProblem;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The OpenAPI 3.1 contract ({@code openapi.yaml} in the schemas module): served as written and used to validate
 * request bodies with its JSON Schemas (draft 2020-12).
 */
final class ContractValidator {
    static final String RESOURCE = "/openapi.yaml";
    private final String yaml;
    private final Validator sweepRequest;

    ContractValidator() {
        try (InputStream in = ContractValidator.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("openapi.yaml is missing from the classpath");
            }
            yaml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            @SuppressWarnings("unchecked")
            Map<String, Object> doc = new ObjectMapper(new YAMLFactory()).readValue(yaml, Map.class);
            JsonObject schemas = new JsonObject(doc).getJsonObject("components").getJsonObject("schemas");
            sweepRequest = Validator.create(JsonSchema.of(schemas.getJsonObject("SweepRequest")), new JsonSchemaOptions()
                    .setDraft(Draft.DRAFT202012).setBaseUri("https://atelier.dev/api/v1/").setOutputFormat(OutputFormat.Basic));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String yaml() {
        return yaml;
    }

    /** @throws ApiError 400 INVALID_REQUEST listing where the body breaks the SweepRequest schema */
    void validateSweepRequest(JsonObject body) {
        OutputUnit result = sweepRequest.validate(body);
        if (!Boolean.TRUE.equals(result.getValid())) {
            List<ConfigProblem> problems = result.getErrors() == null ? List.of() : result.getErrors().stream()
                    .map(e -> new ConfigProblem(field(e.getInstanceLocation()), e.getError(), "see SweepRequest in /api/v1/openapi.yaml"))
                    .distinct().limit(10).toList();
            throw new ApiError(400, "INVALID_REQUEST", "the sweep request does not match the API contract: "
                    + String.join("; ", problems.stream().map(ConfigProblem::oneLine).toList()), problems);
        }
    }

    private static String field(String pointer) {
        return pointer == null || pointer.isEmpty() ? "(body)" : pointer.substring(1).replace('/', '.');
    }
}
