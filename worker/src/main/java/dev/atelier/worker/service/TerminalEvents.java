package dev.atelier.worker.service;

import dev.atelier.schemas.messages.Message;
import dev.atelier.schemas.messages.RunCancelled;
import dev.atelier.schemas.messages.RunCompleted;
import dev.atelier.schemas.messages.RunFailed;
import dev.atelier.worker.training.DivergedException;
import dev.atelier.worker.training.TrainResult;
import dev.atelier.worker.training.TrainingCancelledException;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/** How a run's end becomes its terminal event. */
final class TerminalEvents {
    private TerminalEvents() {
    }

    static RunCompleted completed(ActiveRun run, TrainResult r, Map<String, String> artifacts) {
        List<List<Integer>> confusion = r.confusionMatrix() == null ? List.of() : Arrays.stream(r.confusionMatrix())
                .map(row -> Arrays.stream(row).boxed().collect(Collectors.toList())).collect(Collectors.toList());
        return new RunCompleted(run.runId(), run.attempt(), r.testLoss(), r.testAcc(), r.perClassAccuracy(), confusion,
                r.bestEpoch(), r.bestValAcc(), artifacts, r.totalSeconds(), new JsonObject());
    }

    /**
     * The event for a run that ended with an error, or empty when it must not get one: it was stopped because the
     * worker is shutting down or its partition moved, and another worker resumes it.
     */
    static Optional<Message> failed(ActiveRun run, Throwable error) {
        Throwable e = unwrap(error);
        ActiveRun.Stop stop = run.stopReason();
        if (stop == ActiveRun.Stop.SHUTDOWN || stop == ActiveRun.Stop.HANDED_OVER) {
            return Optional.empty();
        }
        if (e instanceof TrainingCancelledException cancelled) {
            return Optional.of(new RunCancelled(run.runId(), run.attempt(), Math.max(cancelled.lastEpoch(), 0)));
        }
        if (e instanceof DivergedException diverged) {
            return Optional.of(new RunFailed(run.runId(), run.attempt(), diverged.getMessage(), "DivergedException", false,
                    Math.max(0, Math.min(run.epoch(), diverged.epoch() - 1))));
        }
        String reason = e instanceof OutOfMemoryError ? "out of memory while training: " + e.getMessage()
                : "training failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        return Optional.of(new RunFailed(run.runId(), run.attempt(), reason, e.getClass().getName(), true, run.epoch()));
    }

    private static Throwable unwrap(Throwable t) {
        Throwable e = t;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
