package dev.atelier.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until implemented. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measure training throughput and memory.")
final class BenchCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("atelier bench: not implemented yet");
        return 1;
    }
}
