package dev.atelier.worker.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.schemas.config.RunConfig;
import dev.atelier.schemas.messages.RunCancelled;
import dev.atelier.schemas.messages.RunFailed;
import dev.atelier.schemas.messages.RunRequested;
import dev.atelier.worker.training.DivergedException;
import dev.atelier.worker.training.TrainingCancelledException;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class TerminalEventsTest {

    private static ActiveRun run() {
        ActiveRun run = new ActiveRun(new RunRequested("r1", "s1", 2, new JsonObject(), null), RunConfig.defaults(), 0);
        run.progress(3, 100);
        return run;
    }

    @Test
    void divergenceIsAFinalFailureNamingTheEpoch() {
        RunFailed f = (RunFailed) TerminalEvents.failed(run(), new DivergedException(4, "train loss is NaN")).orElseThrow();
        assertThat(f.reason()).isEqualTo("diverged at epoch 4 (train loss is NaN)");
        assertThat(f.retryable()).isFalse();
        assertThat(f.epoch()).isEqualTo(3);
        assertThat(f.attempt()).isEqualTo(2);
    }

    @Test
    void engineErrorsAndOutOfMemoryAreRetryable() {
        RunFailed oom = (RunFailed) TerminalEvents.failed(run(), new CompletionException(new OutOfMemoryError("Java heap space"))).orElseThrow();
        assertThat(oom.retryable()).isTrue();
        assertThat(oom.reason()).isEqualTo("out of memory while training: Java heap space");
        RunFailed err = (RunFailed) TerminalEvents.failed(run(), new IllegalStateException("CUDA error")).orElseThrow();
        assertThat(err.retryable()).isTrue();
        assertThat(err.errorClass()).isEqualTo("java.lang.IllegalStateException");
    }

    @Test
    void userCancelEndsWithRunCancelledButShutdownAndHandOverEndWithNothing() {
        ActiveRun cancelled = run();
        cancelled.requestStop(ActiveRun.Stop.CANCELLED);
        assertThat(TerminalEvents.failed(cancelled, new TrainingCancelledException(3))).containsInstanceOf(RunCancelled.class);
        ActiveRun shutdown = run();
        shutdown.requestStop(ActiveRun.Stop.SHUTDOWN);
        assertThat(TerminalEvents.failed(shutdown, new TrainingCancelledException(3))).isEmpty();
        ActiveRun moved = run();
        moved.requestStop(ActiveRun.Stop.HANDED_OVER);
        assertThat(TerminalEvents.failed(moved, new RuntimeException("interrupted"))).isEmpty();
    }
}
