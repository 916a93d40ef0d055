package dev.atelier.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until implemented. */
@Command(name = "gan", mixinStandardHelpOptions = true, description = "Train a conditional GAN generator and write its quality report.")
final class GanCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("atelier gan: not implemented yet");
        return 1;
    }
}
