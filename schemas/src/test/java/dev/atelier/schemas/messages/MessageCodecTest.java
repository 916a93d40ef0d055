package dev.atelier.schemas.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageCodecTest {

    @Test
    void everyMessageTypeRoundTripsThroughItsSchema() {
        List<List<Integer>> confusion = Collections.nCopies(10, Collections.nCopies(10, 1));
        List<Message> messages = List.of(
                new RunRequested("r1", "s1", 1, new JsonObject().put("lr", 0.01), null),
                new RunStarted("r1", 1, "w1", "host", "cpu", 1),
                new EpochCompleted("r1", 1, 1, 0.5, 0.8, 0.4, 0.85, 0.001, 1.5, 40000),
                new RunCompleted("r1", 1, 0.3, 0.9, Collections.nCopies(10, 0.9), confusion, 3, 0.91,
                        Map.of("model.params", "runs/r1/model.params"), 12.5, new JsonObject()),
                new RunFailed("r1", 1, "diverged at epoch 2", "DivergedException", false, 1),
                new RunCancelled("r1", 1, 2),
                new CancelRequested("r1", "user"),
                new WorkerHeartbeat("w1", "host", "cpu", 1, 1, "busy", List.of(new WorkerHeartbeat.RunProgress("r1", 1, 2)), List.of(0, 1), 1234.5));
        for (Message m : messages) {
            Envelope decoded = MessageCodec.decode(MessageCodec.encode("test", m));
            assertThat(decoded.payload()).isEqualTo(m);
            assertThat(decoded.type()).isEqualTo(m.type());
            assertThat(decoded.producer()).isEqualTo("test");
        }
    }

    @Test
    void invalidRecordsAreRejectedWithAReason() {
        assertThatThrownBy(() -> MessageCodec.decode("{not json")).isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("not a JSON object");
        String good = MessageCodec.encode("test", new RunCancelled("r1", 1, 2));
        String badAttempt = new JsonObject(good).put("payload", new JsonObject().put("runId", "r1").put("attempt", 0).put("epoch", 2)).encode();
        assertThatThrownBy(() -> MessageCodec.decode(badAttempt)).isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("RunCancelled v1 fails its schema").hasMessageContaining("/attempt");
        String unknownType = new JsonObject(good).put("type", "Nope").encode();
        assertThatThrownBy(() -> MessageCodec.decode(unknownType)).isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("Envelope");
    }
}
