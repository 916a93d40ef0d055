package dev.atelier.worker.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.atelier.worker.data.ImageSet;
import java.util.ArrayList;
import java.util.List;

/** Loss, accuracy and (optionally) the confusion matrix of a model on a {@link TensorSet}, in inference mode. */
record Evaluation(double loss, double accuracy, int[][] confusion) {
    private static final int BATCH = 1000;

    static Evaluation of(Block block, ParameterStore store, TensorSet set, boolean withConfusion) {
        double lossSum = 0;
        long correct = 0;
        int[][] confusion = withConfusion ? new int[ImageSet.CLASSES][ImageSet.CLASSES] : null;
        for (int start = 0; start < set.size(); start += BATCH) {
            int end = Math.min(set.size(), start + BATCH);
            try (NDScope ignored = new NDScope()) {
                NDIndex range = new NDIndex().addSliceDim(start, end);
                NDArray labels = set.y().get(range);
                NDArray logits = block.forward(store, new NDList(set.x().get(range)), false).singletonOrThrow();
                lossSum += Losses.crossEntropy(logits, labels, 0).getFloat() * (end - start);
                NDArray predicted = logits.argMax(1);
                correct += predicted.eq(labels).sum().getLong();
                if (withConfusion) {
                    long[] p = predicted.toLongArray();
                    long[] t = labels.toLongArray();
                    for (int i = 0; i < p.length; i++) {
                        confusion[(int) t[i]][(int) p[i]]++;
                    }
                }
            }
        }
        return new Evaluation(lossSum / set.size(), (double) correct / set.size(), confusion);
    }

    /** Accuracy of each true class: the diagonal over the row sums. */
    List<Double> perClassAccuracy() {
        List<Double> out = new ArrayList<>();
        for (int[] row : confusion) {
            int total = 0;
            for (int v : row) {
                total += v;
            }
            out.add(total == 0 ? 0.0 : (double) row[out.size()] / total);
        }
        return out;
    }
}
