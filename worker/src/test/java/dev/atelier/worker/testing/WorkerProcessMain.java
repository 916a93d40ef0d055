package dev.atelier.worker.testing;

import dev.atelier.schemas.messages.Topics;
import dev.atelier.worker.training.TrainingEngine;
import io.vertx.core.Vertx;
import java.nio.file.Path;

/**
 * A worker in its own JVM, for the crash test: {@code bootstrap topicPrefix artifactsDir workerId engine}
 * where engine is {@code real} or a fake batch duration in ms. Prints READY when it has joined.
 */
public final class WorkerProcessMain {
    private WorkerProcessMain() {
    }

    public static void main(String[] args) {
        TrainingEngine engine = TestEngines.create(args[4]);
        Vertx vertx = Vertx.vertx();
        Workers.deploy(vertx, Workers.config(args[0], new Topics(args[1]), Path.of(args[2]), args[3]), engine);
        System.out.println("READY");
        System.out.flush();
    }
}
