package dev.atelier.schemas.messages;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Encodes and decodes {@link Envelope}s as JSON, validating the envelope and the payload against their
 * JSON Schema files (draft 2020-12) on the way out and on the way in.
 */
public final class MessageCodec {
    private static final String ENVELOPE = "Envelope";
    private static final Map<String, Class<? extends Message>> TYPES = Map.of(
            "RunRequested", RunRequested.class,
            "RunStarted", RunStarted.class,
            "EpochCompleted", EpochCompleted.class,
            "RunCompleted", RunCompleted.class,
            "RunFailed", RunFailed.class,
            "RunCancelled", RunCancelled.class,
            "CancelRequested", CancelRequested.class,
            "WorkerHeartbeat", WorkerHeartbeat.class);
    private static final Map<String, Checker> VALIDATORS = new ConcurrentHashMap<>();

    /** The full validator of one schema file and its fast pre-check (null when the schema needs the full one). */
    private record Checker(Validator full, CompiledSchema fast) {
    }

    private MessageCodec() {
    }

    /** Wraps {@code payload} in a new envelope and encodes it; throws if it breaks its schema. */
    public static String encode(String producer, Message payload) {
        return encode(Envelope.wrap(producer, payload));
    }

    public static String encode(Envelope envelope) {
        JsonObject payload = JsonObject.mapFrom(envelope.payload());
        JsonObject json = new JsonObject()
                .put("eventId", envelope.eventId().toString())
                .put("type", envelope.type())
                .put("schemaVersion", envelope.schemaVersion())
                .put("occurredAt", envelope.occurredAt().toString())
                .put("producer", envelope.producer())
                .put("payload", payload);
        validate(ENVELOPE, 1, json);
        validate(envelope.type(), envelope.schemaVersion(), payload);
        return json.encode();
    }

    /**
     * Parses and validates one record value.
     *
     * @throws InvalidMessageException with a reason fit for the dead-letter topic
     */
    public static Envelope decode(String text) {
        if (text == null) {
            throw new InvalidMessageException("record has no value");
        }
        JsonObject json;
        try {
            json = new JsonObject(text);
        } catch (DecodeException | ClassCastException e) {
            throw new InvalidMessageException("not a JSON object: " + e.getMessage(), e);
        }
        validate(ENVELOPE, 1, json);
        String type = json.getString("type");
        int version = json.getInteger("schemaVersion");
        Class<? extends Message> cls = TYPES.get(type);
        if (cls == null) {
            throw new InvalidMessageException("unknown message type '" + type + "'; known: " + String.join(", ", TYPES.keySet()));
        }
        JsonObject payloadJson = json.getJsonObject("payload");
        validate(type, version, payloadJson);
        Message payload;
        try {
            payload = payloadJson.mapTo(cls);
        } catch (IllegalArgumentException e) {
            throw new InvalidMessageException("payload of " + type + " cannot be read: " + e.getMessage(), e);
        }
        return new Envelope(UUID.fromString(json.getString("eventId")), type, version,
                Instant.parse(json.getString("occurredAt")), json.getString("producer"), payload);
    }

    private static void validate(String type, int version, JsonObject json) {
        Checker checker = validator(type, version);
        if (checker.fast() != null && checker.fast().certainlyValid(json)) {
            return;
        }
        OutputUnit result = checker.full().validate(json);
        if (!Boolean.TRUE.equals(result.getValid())) {
            String errors = result.getErrors() == null ? "invalid" : result.getErrors().stream()
                    .map(e -> (e.getInstanceLocation() == null || e.getInstanceLocation().isEmpty() ? "/" : e.getInstanceLocation()) + ": " + e.getError())
                    .distinct().limit(5).collect(Collectors.joining("; "));
            throw new InvalidMessageException(type + " v" + version + " fails its schema: " + errors);
        }
    }

    private static Checker validator(String type, int version) {
        return VALIDATORS.computeIfAbsent(type + ".v" + version, name -> {
            String resource = "/schemas/messages/" + name + ".json";
            try (InputStream in = MessageCodec.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new InvalidMessageException("no schema " + resource + " for " + type + " version " + version);
                }
                JsonObject schema = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                return new Checker(Validator.create(JsonSchema.of(schema.copy()), new JsonSchemaOptions()
                        .setDraft(Draft.DRAFT202012).setBaseUri("https://atelier.dev/schemas/messages/")
                        .setOutputFormat(io.vertx.json.schema.OutputFormat.Basic)), CompiledSchema.compile(schema));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + resource, e);
            }
        });
    }
}
