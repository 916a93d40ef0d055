package dev.atelier.worker.artifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atelier.worker.training.Checkpoint;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

class CheckpointCodecTest {

    @Test
    void roundTripKeepsAttemptEpochAndBytes() {
        Buffer stored = CheckpointCodec.encode(3, new Checkpoint(7, new byte[]{9, 8, 7}));
        CheckpointCodec.Stored back = CheckpointCodec.decode(stored);
        assertThat(back.attempt()).isEqualTo(3);
        assertThat(back.checkpoint().epoch()).isEqualTo(7);
        assertThat(back.checkpoint().data()).containsExactly(9, 8, 7);
    }

    @Test
    void foreignBytesAreRejectedWithAReason() {
        assertThatThrownBy(() -> CheckpointCodec.decode(Buffer.buffer("PK\u0003\u0004 some zip file")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an Atelier checkpoint");
    }
}
