package dev.atelier.worker.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atelier.schemas.messages.CancelRequested;
import dev.atelier.schemas.messages.InvalidMessageException;
import dev.atelier.schemas.messages.MessageCodec;
import dev.atelier.schemas.messages.RunRequested;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class RunRequestReaderTest {
    private final RunRequestReader reader = new RunRequestReader(OptionalInt.empty());

    private static byte[] encode(Object message) {
        return MessageCodec.encode("test", (dev.atelier.schemas.messages.Message) message).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void validRequestGetsAResolvedConfig() {
        var read = reader.read(encode(new RunRequested("r1", "s1", 2, new JsonObject(Map.of("lr", 0.01, "epochs", 4)), null)));
        assertThat(read.configProblem()).isNull();
        assertThat(read.config().getDouble("lr")).isEqualTo(0.01);
        assertThat(read.config().getInt("epochs")).isEqualTo(4);
        assertThat(read.request().attempt()).isEqualTo(2);
    }

    @Test
    void anotherMessageTypeOnTheRunsTopicIsInvalid() {
        assertThatThrownBy(() -> reader.read(encode(new CancelRequested("r1", "x"))))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("RunRequested only; got CancelRequested");
    }

    @Test
    void badConfigIsReportedWithFieldAndAllowedValues() {
        var read = reader.read(encode(new RunRequested("r1", "s1", 1, new JsonObject(Map.of("optimizer", "rmsprop", "lrr", 1)), null)));
        assertThat(read.config()).isNull();
        assertThat(read.configProblem()).contains("optimizer").contains("sgd").contains("lrr").contains("did you mean 'lr'");
    }

    @Test
    void aWorkerPinnedToAGpuTrainsAutoRunsOnTheGpu() {
        var pinned = new RunRequestReader(OptionalInt.of(1));
        assertThat(pinned.read(encode(new RunRequested("r1", "s1", 1, new JsonObject(), null))).config().getString("device")).isEqualTo("gpu");
        assertThat(pinned.read(encode(new RunRequested("r1", "s1", 1, new JsonObject(Map.of("device", "cpu")), null))).config().getString("device"))
                .isEqualTo("cpu");
    }
}
