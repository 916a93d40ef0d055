package dev.atelier.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until implemented. */
@Command(name = "orchestrator", mixinStandardHelpOptions = true, description = "Run the orchestrator (sweeps API, store, dispatch).")
final class OrchestratorCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("atelier orchestrator: not implemented yet");
        return 1;
    }
}
