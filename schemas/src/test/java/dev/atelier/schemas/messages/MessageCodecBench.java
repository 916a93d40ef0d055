package dev.atelier.schemas.messages;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.Validator;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Cost of decoding one EpochCompleted record (parse + schema checks + mapping) against the two full vertx-json-schema
 * validations it used to take. Not part of the normal test run:
 * {@code mvn -B -q -pl schemas test -Dtest=MessageCodecBench -Dsurefire.failIfNoSpecifiedTests=false}, then
 * {@code grep -h BENCH schemas/target/surefire-reports/*MessageCodecBench-output.txt}.
 */
class MessageCodecBench {
    @Test
    void decodeEpochCompleted() throws Exception {
        String text = MessageCodec.encode("bench", new EpochCompleted("sw-1-r0001", 1, 3, 0.5, 0.8, 0.6, 0.79, 0.001, 1.5, 4000.0));
        JsonObject json = new JsonObject(text);
        Validator envelope = full("Envelope");
        Validator payload = full("EpochCompleted");
        int n = 20_000;
        for (int round = 1; round <= 3; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                assertThat(MessageCodec.decode(text).payload()).isInstanceOf(EpochCompleted.class);
            }
            long t1 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                envelope.validate(json);
                payload.validate(json.getJsonObject("payload"));
            }
            long t2 = System.nanoTime();
            System.out.printf("BENCH round %d: MessageCodec.decode(EpochCompleted) %.1f us/record; the two full vertx-json-schema validations alone %.1f us/record%n",
                    round, (t1 - t0) / 1e3 / n, (t2 - t1) / 1e3 / n);
        }
    }

    private static Validator full(String type) throws Exception {
        try (InputStream in = MessageCodecBench.class.getResourceAsStream("/schemas/messages/" + type + ".v1.json")) {
            JsonObject schema = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return Validator.create(JsonSchema.of(schema), new JsonSchemaOptions().setDraft(Draft.DRAFT202012)
                    .setBaseUri("https://atelier.dev/schemas/messages/").setOutputFormat(OutputFormat.Basic));
        }
    }
}
