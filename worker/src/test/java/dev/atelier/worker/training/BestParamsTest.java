package dev.atelier.worker.training;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.atelier.schemas.config.RunConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BestParamsTest {

    @Test
    void restoringGivesBackTheCapturedModelEvenAfterFurtherTrainingAndOutlivesItsCopies() {
        RunConfig config = RunConfig.resolve(Map.of("architecture", "fcn", "hidden", "32"));
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Block block = Models.build(config);
            block.initialize(manager, DataType.FLOAT32, new Shape(2, 784));
            NDArray x = manager.randomNormal(new Shape(4, 784));
            ParameterStore store = new ParameterStore(manager, false);
            float[] captured = block.forward(store, new NDList(x), false).singletonOrThrow().toFloatArray();
            BestParams best = new BestParams();
            best.capture(block);
            try (NoGrad ignored = NoGrad.open()) {
                block.getParameters().values().forEach(p -> p.getArray().addi(1f)); // "later epochs"
            }
            assertThat(block.forward(store, new NDList(x), false).singletonOrThrow().toFloatArray()).isNotEqualTo(captured);

            assertThat(best.restoreInto(block)).isTrue();
            best.close();
            manager.randomNormal(new Shape(1000, 1000)); // reuse freed native memory, if anything still pointed at it

            assertThat(block.forward(store, new NDList(x), false).singletonOrThrow().toFloatArray()).containsExactly(captured);
        }
    }

    @Test
    void nothingCapturedMeansNothingRestored() {
        RunConfig config = RunConfig.resolve(Map.of("architecture", "fcn", "hidden", "8"));
        try (NDManager manager = NDManager.newBaseManager("PyTorch"); BestParams best = new BestParams()) {
            Block block = Models.build(config);
            block.initialize(manager, DataType.FLOAT32, new Shape(2, 784));
            assertThat(best.restoreInto(block)).isFalse();
        }
    }
}
