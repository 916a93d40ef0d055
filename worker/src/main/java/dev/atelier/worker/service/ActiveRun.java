package dev.atelier.worker.service;

import dev.atelier.schemas.config.RunConfig;
import dev.atelier.schemas.messages.RunRequested;
import dev.atelier.schemas.messages.WorkerHeartbeat;
import dev.atelier.worker.training.CancellationToken;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;

/**
 * A run this worker is training. Progress fields are written by the training thread and read by heartbeats;
 * the pending-future list is event-loop confined.
 */
final class ActiveRun implements CancellationToken {

    /** Why training was asked to stop early. */
    enum Stop {
        NONE,
        /** CancelRequested: ends with RunCancelled. */
        CANCELLED,
        /** The worker is shutting down: no terminal event, the run is redelivered and resumed elsewhere. */
        SHUTDOWN,
        /** The run's partition moved to another worker, which resumes it from the checkpoint. */
        HANDED_OVER
    }

    final RunRequested request;
    final RunConfig config;
    final int partition;
    final long startNanos = System.nanoTime();
    private final List<Future<?>> pending = new ArrayList<>();
    private volatile Stop stop = Stop.NONE;
    private volatile int epoch;
    private volatile double imagesPerSecond;

    ActiveRun(RunRequested request, RunConfig config, int partition) {
        this.request = request;
        this.config = config;
        this.partition = partition;
    }

    String runId() {
        return request.runId();
    }

    int attempt() {
        return request.attempt();
    }

    /** First reason wins: a run cancelled by the user stays cancelled even if the worker then shuts down. */
    synchronized void requestStop(Stop reason) {
        if (stop == Stop.NONE) {
            stop = reason;
        }
    }

    Stop stopReason() {
        return stop;
    }

    @Override
    public boolean isCancelled() {
        return stop != Stop.NONE;
    }

    void progress(int completedEpoch, double ips) {
        epoch = completedEpoch;
        imagesPerSecond = ips;
    }

    void throughput(double ips) {
        imagesPerSecond = ips;
    }

    int epoch() {
        return epoch;
    }

    double imagesPerSecond() {
        return imagesPerSecond;
    }

    /** Keeps an epoch event or checkpoint write that must be done before the terminal event goes out. */
    void track(Future<?> f) {
        pending.removeIf(Future::isComplete);
        pending.add(f);
    }

    /** Completes when every tracked write has finished (successfully or not). */
    Future<Void> settled() {
        return Future.join(new ArrayList<>(pending)).mapEmpty();
    }

    WorkerHeartbeat.RunProgress snapshot() {
        return new WorkerHeartbeat.RunProgress(runId(), attempt(), epoch);
    }
}
