package dev.atelier.orchestrator.dispatch;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.function.Supplier;

/**
 * An asynchronous unit of work run one at a time on a verticle's context: a trigger while a cycle is in flight runs
 * it once more afterwards, a cycle can ask to run again at once, and {@link #stop} waits for the cycle in flight, so
 * nothing touches the database after the verticle is undeployed (and the pool closed).
 */
final class SerialCycle {
    private final Supplier<Future<Boolean>> cycle;
    private boolean busy;
    private boolean again;
    private boolean stopping;
    private Promise<Void> drained;

    /** @param cycle one run; its future's value says whether to run again right away (failures are its own to log) */
    SerialCycle(Supplier<Future<Boolean>> cycle) {
        this.cycle = cycle;
    }

    void trigger() {
        if (stopping) {
            return;
        }
        if (busy) {
            again = true;
            return;
        }
        busy = true;
        again = false;
        cycle.get().onComplete(ar -> {
            busy = false;
            if (drained != null) {
                drained.complete();
            } else if (again || (ar.succeeded() && Boolean.TRUE.equals(ar.result()))) {
                trigger();
            }
        });
    }

    Future<Void> stop() {
        stopping = true;
        if (!busy) {
            return Future.succeededFuture();
        }
        drained = Promise.promise();
        return drained.future();
    }
}
