package dev.atelier.cli;

import dev.atelier.worker.gan.CganExtender;
import dev.atelier.worker.http.OpsVerticle;
import dev.atelier.worker.service.WorkerConfig;
import dev.atelier.worker.service.WorkerVerticle;
import dev.atelier.worker.training.DjlTrainingEngine;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The services {@code ./atelier up} started, stopped in reverse order exactly once. */
final class Platform implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Platform.class);
    private final Vertx vertx = Vertx.vertx();
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private boolean closed;

    Vertx vertx() {
        return vertx;
    }

    synchronized <T extends AutoCloseable> T add(T service) {
        started.push(service);
        return service;
    }

    /**
     * Deploys a worker verticle training with the DJL engine (and the cGAN extender for augment=cgan), with its
     * /health and /metrics endpoints on a free port (logged), stopped after the worker has drained.
     */
    void startWorker(WorkerConfig config) throws Exception {
        WorkerVerticle worker = new WorkerVerticle(config, new DjlTrainingEngine(CganExtender.local()), WorkerCommand.autoDevice());
        String ops = vertx.deployVerticle(OpsVerticle.of(worker, 0)).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        add(() -> vertx.undeploy(ops).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
        String id = vertx.deployVerticle(worker).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
        add(() -> vertx.undeploy(id).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS));
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        while (!started.isEmpty()) {
            AutoCloseable service = started.pop();
            try {
                service.close();
            } catch (Exception e) {
                LOG.warn("while stopping {}: {}", service.getClass().getSimpleName(), Errors.rootMessage(e));
            }
        }
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("while stopping Vert.x: {}", Errors.rootMessage(e));
        }
        LOG.info("Atelier stopped");
    }
}
