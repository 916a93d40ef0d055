package dev.atelier.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until implemented. */
@Command(name = "up", mixinStandardHelpOptions = true, description = "Run the whole platform in one process.")
final class UpCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("atelier up: not implemented yet");
        return 1;
    }
}
