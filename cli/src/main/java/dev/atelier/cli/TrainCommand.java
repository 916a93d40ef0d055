package dev.atelier.cli;

import dev.atelier.schemas.config.ConfigException;
import dev.atelier.schemas.config.ConfigProblem;
import dev.atelier.schemas.config.KeyValueArgs;
import dev.atelier.schemas.config.RunConfig;
import dev.atelier.schemas.config.RunOptions;
import dev.atelier.worker.data.DataException;
import dev.atelier.worker.training.CancellationToken;
import dev.atelier.worker.training.DivergedException;
import dev.atelier.worker.gan.CganExtender;
import dev.atelier.worker.training.DjlTrainingEngine;
import dev.atelier.worker.training.TrainResult;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./atelier train key=value ...}: one training run with a live progress bar and a result directory. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train one model on Fashion-MNIST from key=value options.",
                "Example: ./atelier train architecture=cnn epochs=10"},
        footerHeading = "%nRun options (key=value; later wins: defaults < preset < --config file < command line):%n",
        modelTransformer = TrainCommand.OptionsFooter.class)
final class TrainCommand implements Callable<Integer> {
    static final int EXIT_BAD_INPUT = 2;

    @Parameters(paramLabel = "key=value", description = "Run options, e.g. lr=0.01 hidden=256,128 (see the table below).")
    List<String> keyValues = new ArrayList<>();

    @Option(names = "--config", paramLabel = "FILE", description = "A .yaml/.yml or .json file of run options.")
    Path configFile;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: runs/<timestamp>-<short id>).")
    Path outDir;

    @Option(names = "--no-progress", description = "No live progress bar (one line per epoch only).")
    boolean noProgress;

    @Option(names = "--print-options-table", hidden = true, description = "Print README's Markdown options table and exit.")
    boolean printOptionsTable;

    private final PrintStream out;
    private final PrintStream err;

    TrainCommand() {
        this(System.out, System.err);
    }

    TrainCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Lists every run option of {@link RunOptions} under {@code --help}. */
    static final class OptionsFooter implements CommandLine.IModelTransformer {
        @Override
        public CommandLine.Model.CommandSpec transform(CommandLine.Model.CommandSpec spec) {
            spec.usageMessage().footer(optionsHelp().replace("%", "%%"));
            return spec;
        }
    }

    static String optionsHelp() {
        StringBuilder sb = new StringBuilder();
        RunOptions.ALL.forEach(def -> {
            Object d = def.defaultValue();
            String value = d instanceof List<?> list ? String.join(",", list.stream().map(String::valueOf).toList()) : String.valueOf(d);
            sb.append(String.format("  %s=%s   (%s)%n      %s%n", def.key(), value, def.allowed(), def.help()));
        });
        return sb.toString();
    }

    @Override
    public Integer call() {
        if (printOptionsTable) {
            out.print(RunOptions.markdownTable());
            return 0;
        }
        RunConfig config;
        try {
            Map<String, Object> values = new LinkedHashMap<>();
            if (configFile != null) {
                values.putAll(ConfigFiles.read(configFile));
            }
            values.putAll(KeyValueArgs.parse(keyValues));
            config = RunConfig.resolve(values);
        } catch (ConfigException e) {
            for (ConfigProblem p : e.problems()) {
                err.println("atelier train: " + p.oneLine());
            }
            return EXIT_BAD_INPUT;
        } catch (IllegalArgumentException e) {
            err.println("atelier train: " + e.getMessage());
            return EXIT_BAD_INPUT;
        }
        RunOutput output = RunOutput.create(outDir);
        out.println("atelier train: resolved config (output in " + output.dir() + ")");
        config.describe().lines().forEach(line -> out.println("  " + line));
        output.writeConfig(config);
        ProgressListener progress = new ProgressListener(out, noProgress ? null : err, config.getInt("epochs"), config.getInt("batch_size"), output);
        try {
            TrainResult result = new DjlTrainingEngine(CganExtender.local()).train(config, progress, CancellationToken.NEVER, Optional.empty());
            progress.clearLine();
            output.writeResult(config, result);
            out.printf("test_acc=%.4f test_loss=%.4f best_epoch=%d (val_acc=%.4f) device=%s total=%.1fs%n", result.testAcc(),
                    result.testLoss(), result.bestEpoch(), result.bestValAcc(), result.device(), result.totalSeconds());
            out.println("results: " + output.dir());
            return 0;
        } catch (DataException | DivergedException | IllegalArgumentException e) {
            progress.clearLine();
            err.println("atelier train: " + e.getMessage());
            return 1;
        }
    }
}
