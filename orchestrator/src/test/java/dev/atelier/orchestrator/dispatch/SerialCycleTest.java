package dev.atelier.orchestrator.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SerialCycleTest {
    private final List<Promise<Boolean>> started = new ArrayList<>();
    private final SerialCycle cycle = new SerialCycle(() -> {
        Promise<Boolean> p = Promise.promise();
        started.add(p);
        return p.future();
    });

    @Test
    void triggersDuringACycleRunItOnceMoreAfterwardsNotInParallel() {
        cycle.trigger();
        cycle.trigger();
        cycle.trigger();
        assertThat(started).hasSize(1);
        started.get(0).complete(false);
        assertThat(started).hasSize(2);
        started.get(1).complete(false);
        assertThat(started).hasSize(2);
    }

    @Test
    void aCycleThatSaysMoreIsWaitingRunsAgainAtOnce() {
        cycle.trigger();
        started.get(0).complete(true);
        assertThat(started).hasSize(2);
    }

    @Test
    void stopWaitsForTheCycleInFlightAndNothingStartsAfterIt() {
        cycle.trigger();
        cycle.trigger(); // would run again, but stop comes first
        Future<Void> stopped = cycle.stop();
        assertThat(stopped.isComplete()).isFalse();
        started.get(0).complete(true);
        assertThat(stopped.succeeded()).isTrue();
        cycle.trigger();
        assertThat(started).hasSize(1);
    }

    @Test
    void stopWhenIdleIsImmediate() {
        assertThat(cycle.stop().succeeded()).isTrue();
    }
}
