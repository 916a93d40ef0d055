package dev.atelier.worker.testing;

import dev.atelier.schemas.messages.Topics;
import dev.atelier.worker.service.WorkerConfig;
import dev.atelier.worker.service.WorkerVerticle;
import dev.atelier.worker.training.TrainingEngine;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Starting and stopping workers in the test JVM. */
public final class Workers {
    private Workers() {
    }

    /** Session timeout 6 s: short enough for a quick failover, long enough for a heavily loaded CI machine. */
    public static WorkerConfig config(String bootstrap, Topics topics, Path artifacts, String workerId) {
        return WorkerConfig.local(bootstrap, topics, artifacts, workerId).withSessionTimeoutMs(6000).withHeartbeatSeconds(1);
    }

    /** Deploys a worker and returns it with its deployment id. */
    public static Deployed deploy(Vertx vertx, WorkerConfig config, TrainingEngine engine) {
        WorkerVerticle worker = new WorkerVerticle(config, engine, "cpu");
        String id = await(vertx.deployVerticle(worker));
        return new Deployed(vertx, worker, id);
    }

    /** A deployed worker. */
    public record Deployed(Vertx vertx, WorkerVerticle worker, String deploymentId) {
        /** Graceful shutdown, as on SIGTERM. */
        public void stop() {
            await(vertx.undeploy(deploymentId));
        }
    }

    public static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("future did not complete: " + e, e);
        }
    }

    public static void waitUntil(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
        }
    }
}
