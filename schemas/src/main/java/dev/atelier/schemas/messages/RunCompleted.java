package dev.atelier.schemas.messages;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * Worker → orchestrator: the run finished; test metrics are of the best checkpoint by validation accuracy.
 *
 * @param confusionMatrix 10×10, rows = true class, columns = predicted class
 * @param artifacts artifact name → reference (e.g. {@code model.params} → its URL or path)
 * @param extra optional additional results, e.g. the cGAN quality report; may be empty
 */
public record RunCompleted(String runId, int attempt, double testLoss, double testAcc, List<Double> perClassAccuracy,
                           List<List<Integer>> confusionMatrix, int bestEpoch, double bestValAcc,
                           Map<String, String> artifacts, double totalSeconds, JsonObject extra) implements Message {
    @Override
    public String key() {
        return runId;
    }
}
