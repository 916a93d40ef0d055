package dev.atelier.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until implemented. */
@Command(name = "worker", mixinStandardHelpOptions = true, description = "Run a worker that trains runs from Kafka.")
final class WorkerCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("atelier worker: not implemented yet");
        return 1;
    }
}
