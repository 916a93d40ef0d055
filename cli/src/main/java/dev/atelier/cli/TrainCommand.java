package dev.atelier.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until implemented. */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Train one model from key=value options.")
final class TrainCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("atelier train: not implemented yet");
        return 1;
    }
}
