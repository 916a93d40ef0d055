package dev.atelier.worker.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** The two cross-entropy forms the engine trains with. */
class LossesTest {
    private static final float[] LOGITS = {2f, -1f, 0.5f, 0f, 3f, -2f};

    /** A scalar loss as a float (a smoothing term computed with a double scalar may come back as float64). */
    private static float value(NDArray loss) {
        return loss.toType(DataType.FLOAT32, false).getFloat();
    }

    @Test
    void softTargetsThatAreOneHotGiveTheSameLossAsClassIndicesWithAndWithoutSmoothing() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray logits = m.create(LOGITS, new Shape(2, 3));
            NDArray labels = m.create(new long[] {0, 2});
            NDArray oneHot = m.create(new float[] {1, 0, 0, 0, 0, 1}, new Shape(2, 3));
            for (double smoothing : new double[] {0, 0.1}) {
                float hard = value(Losses.crossEntropy(logits, labels, smoothing));
                float soft = value(Losses.softCrossEntropy(logits, oneHot, smoothing));
                assertThat(soft).isCloseTo(hard, within(1e-6f));
            }
        }
    }

    @Test
    void softTargetsWeighTheLogProbabilitiesOfEveryClass() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray logits = m.create(LOGITS, new Shape(2, 3));
            float[] targets = {0.5f, 0.25f, 0.25f, 0.1f, 0.8f, 0.1f};
            float[] logp = logits.logSoftmax(1).toFloatArray();
            double expected = 0;
            for (int i = 0; i < targets.length; i++) {
                expected -= targets[i] * logp[i];
            }
            expected /= 2;
            float soft = value(Losses.softCrossEntropy(logits, m.create(targets, new Shape(2, 3)), 0));
            assertThat((double) soft).isCloseTo(expected, within(1e-5));
            // a different target distribution gives a different loss: the targets are used, not just their argmax
            float hardTo0And1 = value(Losses.crossEntropy(logits, m.create(new long[] {0, 1}), 0));
            assertThat(soft).isNotCloseTo(hardTo0And1, within(1e-3f));
        }
    }
}
