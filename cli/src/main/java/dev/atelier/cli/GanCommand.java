package dev.atelier.cli;

import dev.atelier.schemas.config.ConfigException;
import dev.atelier.schemas.config.KeyValueArgs;
import dev.atelier.schemas.config.RunConfig;
import dev.atelier.worker.gan.DirectoryBlobStore;
import dev.atelier.worker.gan.GanOptions;
import dev.atelier.worker.gan.GanPipeline;
import dev.atelier.worker.gan.GanThroughput;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./atelier gan key=value ...}: trains (or reuses) a conditional GAN generator and prints its quality report. */
@Command(name = "gan", mixinStandardHelpOptions = true,
        description = {"Train a conditional GAN generator (or reuse the cached one) on the run's training split,",
                "write a 10x10 sample grid and report.json (GAN-test, GAN-train, FID), and print the report.",
                "Options: gan_arch=mlp|dcgan gan_epochs gan_lr gan_batch_size gan_latent_dim train_subset seed max_batches data_dir.",
                "The reference classifier is trained on the first call and cached next to the generators."},
        footer = {"", "Example: ./atelier gan gan_arch=dcgan gan_epochs=10"})
final class GanCommand implements Callable<Integer> {

    @Parameters(paramLabel = "key=value", description = "Run options (see './atelier train --help').")
    List<String> options = new ArrayList<>();

    @Option(names = "--out", description = "Directory for grid.png and report.json (default: runs/gan/<generator key>).")
    Path out;

    @Option(names = "--cache-dir", description = "Generator/reference cache (default: $ATELIER_CACHE_DIR/generators or ~/.cache/atelier/generators).")
    Path cacheDir;

    @Option(names = "--throughput", description = {"Measure instead of train: images/s of one GAN iteration vs ordinary classifier steps",
            "of the same layers (G+D stacked, and D alone) at gan_batch_size, interleaved; prints the medians."})
    boolean throughput;

    @Option(names = "--rounds", description = "Measured rounds for --throughput (after one warm-up round; the order of the steps rotates, so use a multiple of 3; default ${DEFAULT-VALUE}).")
    int rounds = 6;

    @Option(names = "--batches", description = "Batches per step kind and round for --throughput (default ${DEFAULT-VALUE}).")
    int batches = 10;

    @Override
    public Integer call() {
        RunConfig config;
        try {
            config = RunConfig.resolve(KeyValueArgs.parse(options));
        } catch (ConfigException e) {
            System.err.println("atelier gan: " + e.getMessage());
            return 2;
        }
        if (throughput) {
            return measureThroughput(config);
        }
        DirectoryBlobStore store = cacheDir == null ? DirectoryBlobStore.defaultLocation() : new DirectoryBlobStore(cacheDir);
        var outcome = GanPipeline.run(config, GanPipeline.Settings.standard(config.getInt("seed")), store, out,
                line -> System.out.println("  " + line));
        System.out.println(outcome.json().encodePrettily());
        System.out.println(outcome.quality().describe());
        JsonObject training = outcome.json().getJsonObject("training");
        if (training != null && training.getInteger("diverged_at_epoch", 0) > 0) {
            System.out.printf("WARNING: training diverged in epoch %d; this generator is the one after epoch %d of %d%n",
                    training.getInteger("diverged_at_epoch"), training.getInteger("epochs"), config.getInt("gan_epochs"));
        }
        System.out.println("grid:   " + outcome.grid());
        System.out.println("report: " + outcome.report());
        return 0;
    }

    private int measureThroughput(RunConfig config) {
        GanOptions options = GanOptions.from(config);
        System.out.printf("GAN throughput: gan_arch=%s gan_batch_size=%d gan_latent_dim=%d, %d rounds x %d batches, allocator %s%n",
                options.arch(), options.batchSize(), options.latentDim(), rounds, batches, NativeAllocator.current());
        GanThroughput.Result r = GanThroughput.measure(options, rounds, batches, line -> System.out.println("  " + line));
        System.out.println("| step | ms / batch (median) | images/s | GAN iteration is slower by |");
        System.out.println("|---|---|---|---|");
        for (String step : r.millisPerBatch().keySet()) {
            System.out.printf("| %s | %.1f | %.0f | %s |%n", step, r.millisPerBatch().get(step), r.imagesPerSecond(step),
                    step.equals(GanThroughput.GAN) ? "-" : String.format("%.2fx", r.ganSlowdownVersus(step)));
        }
        return 0;
    }
}
