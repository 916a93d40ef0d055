package dev.atelier.schemas.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunConfigTest {

    @Test
    void theOriginalProjectsCommandIsAcceptedAsWritten() {
        RunConfig c = RunConfig.resolve(KeyValueArgs.parse(List.of("optimizer=sgd", "lr=0.002", "batch_size=4", "epochs=30", "architecture=cnn")));
        assertThat(c.getString("optimizer")).isEqualTo("sgd");
        assertThat(c.getDouble("lr")).isEqualTo(0.002);
        assertThat(c.getInt("batch_size")).isEqualTo(4);
        assertThat(c.getInt("epochs")).isEqualTo(30);
        assertThat(c.getString("architecture")).isEqualTo("cnn");
    }

    @Test
    void unknownKeyNamesTheClosestValidKey() {
        assertThatThrownBy(() -> RunConfig.resolve(Map.of("architecure", "cnn")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("did you mean 'architecture'");
    }

    @Test
    void badValuesNameKeyValueAndWhatIsAllowed() {
        ConfigException e = (ConfigException) org.assertj.core.api.Assertions.catchThrowable(
                () -> RunConfig.resolve(Map.of("lr", "-1", "batch_size", "0", "optimizer", "rmsprop", "hidden", "256,x")));
        assertThat(e.problems()).extracting(ConfigProblem::field).containsExactlyInAnyOrder("lr", "batch_size", "optimizer", "hidden");
        assertThat(e.getMessage()).contains("lr: '-1' is below the minimum (allowed: number in [1.0E-7, 10])")
                .contains("batch_size: '0' is below the minimum (allowed: integer in [1, 65536])")
                .contains("optimizer: 'rmsprop' is not one of the choices (allowed: sgd|adam|adamw)")
                .contains("'x' in '256,x' is not an integer");
    }

    @Test
    void presetsFillValuesButExplicitKeysWin() {
        RunConfig c = RunConfig.resolve(Map.of("preset", "cnn-large", "epochs", "5"));
        assertThat(c.getString("architecture")).isEqualTo("cnn");
        assertThat(c.getInt("epochs")).isEqualTo(5);
        assertThat(RunConfig.fromJson(c.toJson())).isEqualTo(c);
    }
}
