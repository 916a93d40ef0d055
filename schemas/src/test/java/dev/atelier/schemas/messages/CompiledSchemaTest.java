package dev.atelier.schemas.messages;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The fast pre-check never accepts what the full JSON-Schema validator rejects: every message type, and thousands of
 * mutations of each (every field removed, replaced by values of other types and out-of-range values, extra fields).
 */
class CompiledSchemaTest {
    private static final List<Object> REPLACEMENTS = List.of("", "x".repeat(200), "r1", "r1\n", -1, 0, 1, 2, 1.5, -0.5, 1e300,
            Long.MAX_VALUE, true, new JsonArray(), new JsonArray().add(1), new JsonObject(), new JsonObject().put("a", 1),
            "2026-13-01T00:00:00Z", "2026-11-29T07:00:00Z", "2026-11-29 07:00:00", "2024-02-29T00:00:00.5Z", "2026-02-29T00:00:00Z",
            "2026-11-29T24:00:00Z", "2026-11-29T07:00:60Z", "2026-11-29T07:00:00.1234567891Z", "2026-11-29T07:00:00+01:00",
            "2026-11-29T07:00:00+1:00", "2026-11-29T07:00:00.Z", "2026-11-29t07:00:00z", "2026-11-29T07:00:00Z\n", "not-a-uuid", "0b0b0b0b-0b0b-0b0b-0b0b-0b0b0b0b0b0b",
            "0b0b0b0b-0b0b-0b0b-0b0b-0b0b0b0b0b0b\n", "EpochCompleted", "busy", "Nope");

    static List<Message> samples() {
        List<List<Integer>> confusion = Collections.nCopies(10, Collections.nCopies(10, 1));
        return List.of(
                new RunRequested("r1", "s1", 1, new JsonObject().put("lr", 0.01), null),
                new RunStarted("r1", 1, "w1", "host", "cpu", 1),
                new EpochCompleted("r1", 1, 1, 0.5, 0.8, 0.4, 0.85, 0.001, 1.5, 40000),
                new RunCompleted("r1", 1, 0.3, 0.9, Collections.nCopies(10, 0.9), confusion, 3, 0.91,
                        Map.of("model.params", "runs/r1/model.params"), 12.5, new JsonObject()),
                new RunFailed("r1", 1, "diverged at epoch 2", "DivergedException", false, 1),
                new RunCancelled("r1", 1, 2),
                new CancelRequested("r1", "user"),
                new WorkerHeartbeat("w1", "host", "cpu", 1, 1, "busy", List.of(new WorkerHeartbeat.RunProgress("r1", 1, 2)), List.of(0, 1), 1234.5));
    }

    @Test
    void everySchemaCompilesAndAcceptsItsValidMessages() {
        for (Message m : samples()) {
            JsonObject envelope = new JsonObject(MessageCodec.encode("test", m));
            assertThat(compiled("Envelope").certainlyValid(envelope)).as("envelope of " + m.type()).isTrue();
            assertThat(compiled(m.type()).certainlyValid(envelope.getJsonObject("payload"))).as(m.type()).isTrue();
        }
    }

    @Test
    void neverAcceptsWhatTheFullValidatorRejects() {
        int rejectedByBoth = 0;
        for (Message m : samples()) {
            JsonObject envelope = new JsonObject(MessageCodec.encode("test", m));
            rejectedByBoth += agreeOnMutations("Envelope", envelope);
            rejectedByBoth += agreeOnMutations(m.type(), envelope.getJsonObject("payload"));
        }
        assertThat(rejectedByBoth).as("mutations rejected by both checks").isGreaterThan(500);
    }

    @Test
    void dateTimesAreCheckedStrictly() {
        assertThat(CompiledSchema.dateTime("2026-11-29T07:02:42.942060117Z")).isTrue();
        assertThat(CompiledSchema.dateTime("2024-02-29T23:59:59-05:30")).isTrue();
        assertThat(CompiledSchema.dateTime("2026-02-29T00:00:00Z")).isFalse();
        assertThat(CompiledSchema.dateTime("2026-11-31T00:00:00Z")).isFalse();
        assertThat(CompiledSchema.dateTime("2026-11-29T07:00:00")).isFalse();
        assertThat(CompiledSchema.dateTime("2026-11-29T07:00:00+24:00")).isFalse();
    }

    @Test
    void aSchemaWithAKeywordItDoesNotImplementIsLeftToTheFullValidator() {
        assertThat(CompiledSchema.compile(new JsonObject().put("type", "object").put("oneOf", new JsonArray()))).isNull();
        assertThat(CompiledSchema.compile(new JsonObject().put("format", "email"))).isNull();
    }

    /** Checks every mutation of {@code doc}; returns how many both checks rejected. */
    private static int agreeOnMutations(String type, JsonObject doc) {
        CompiledSchema fast = compiled(type);
        Validator full = full(type);
        int rejected = 0;
        for (JsonObject mutant : mutations(doc)) {
            boolean fullValid = Boolean.TRUE.equals(full.validate(mutant).getValid());
            boolean fastValid = fast.certainlyValid(mutant);
            if (fastValid) {
                assertThat(fullValid).as(type + " accepted by the pre-check but not by the schema: " + mutant.encode()).isTrue();
            } else if (!fullValid) {
                rejected++;
            }
        }
        return rejected;
    }

    /** Every object/array position of {@code doc} changed once: removed, replaced, or an extra key added. */
    private static List<JsonObject> mutations(JsonObject doc) {
        List<JsonObject> out = new ArrayList<>();
        List<List<Object>> paths = new ArrayList<>();
        collect(doc, new ArrayList<>(), paths);
        for (List<Object> path : paths) {
            for (Object replacement : REPLACEMENTS) {
                JsonObject copy = doc.copy();
                set(copy, path, replacement);
                out.add(copy);
            }
            JsonObject removed = doc.copy();
            remove(removed, path);
            out.add(removed);
        }
        JsonObject extra = doc.copy().put("unexpected", 1);
        out.add(extra);
        return out;
    }

    private static void collect(Object node, List<Object> prefix, List<List<Object>> paths) {
        if (node instanceof JsonObject o) {
            for (String k : o.fieldNames()) {
                List<Object> p = new ArrayList<>(prefix);
                p.add(k);
                paths.add(p);
                collect(o.getValue(k), p, paths);
            }
        } else if (node instanceof JsonArray a) {
            for (int i = 0; i < Math.min(a.size(), 2); i++) {
                List<Object> p = new ArrayList<>(prefix);
                p.add(i);
                paths.add(p);
                collect(a.getValue(i), p, paths);
            }
        }
    }

    private static Object parent(JsonObject root, List<Object> path) {
        Object node = root;
        for (Object step : path.subList(0, path.size() - 1)) {
            node = node instanceof JsonObject o ? o.getValue((String) step) : ((JsonArray) node).getValue((Integer) step);
        }
        return node;
    }

    private static void set(JsonObject root, List<Object> path, Object value) {
        Object parent = parent(root, path);
        Object last = path.get(path.size() - 1);
        Object v = value instanceof JsonObject o ? o.copy() : value instanceof JsonArray a ? a.copy() : value;
        if (parent instanceof JsonObject o) {
            o.put((String) last, v);
        } else {
            ((JsonArray) parent).set((Integer) last, v);
        }
    }

    private static void remove(JsonObject root, List<Object> path) {
        Object parent = parent(root, path);
        Object last = path.get(path.size() - 1);
        if (parent instanceof JsonObject o) {
            o.remove((String) last);
        } else {
            ((JsonArray) parent).remove((int) (Integer) last);
        }
    }

    private static JsonObject schema(String type) {
        try (InputStream in = CompiledSchemaTest.class.getResourceAsStream("/schemas/messages/" + type + ".v1.json")) {
            return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CompiledSchema compiled(String type) {
        CompiledSchema c = CompiledSchema.compile(schema(type));
        assertThat(c).as("pre-check for " + type).isNotNull();
        return c;
    }

    private static Validator full(String type) {
        return Validator.create(JsonSchema.of(schema(type)), new JsonSchemaOptions().setDraft(Draft.DRAFT202012)
                .setBaseUri("https://atelier.dev/schemas/messages/").setOutputFormat(OutputFormat.Basic));
    }
}
