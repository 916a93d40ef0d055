package dev.atelier.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ./atelier} command line. */
@Command(name = "atelier", mixinStandardHelpOptions = true, version = "Atelier 0.1.0",
        description = "Reactive experiment platform for Fashion-MNIST image classification.",
        subcommands = {TrainCommand.class, BenchCommand.class, GanCommand.class, WorkerCommand.class,
                OrchestratorCommand.class, SweepCommand.class, StatusCommand.class, DashboardCommand.class, UpCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new Main());
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }
}
