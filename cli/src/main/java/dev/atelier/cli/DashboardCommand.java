package dev.atelier.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until implemented. */
@Command(name = "dashboard", mixinStandardHelpOptions = true, description = "Run the web dashboard.")
final class DashboardCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("atelier dashboard: not implemented yet");
        return 1;
    }
}
