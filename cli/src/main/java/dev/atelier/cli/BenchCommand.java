package dev.atelier.cli;

import dev.atelier.schemas.config.ConfigException;
import dev.atelier.schemas.config.KeyValueArgs;
import dev.atelier.schemas.config.RunConfig;
import dev.atelier.worker.training.CancellationToken;
import dev.atelier.worker.training.DjlTrainingEngine;
import dev.atelier.worker.training.EpochMetrics;
import dev.atelier.worker.training.TrainingListener;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./atelier bench}: training throughput (images/s) of the default FCN and CNN at two batch sizes, the median
 * over the epochs after a warm-up epoch, and the process RSS after epoch 2 and after the last epoch.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure training throughput (images/s, median after a warm-up epoch) and memory (RSS).",
                "Example: ./atelier bench --fcn-epochs 20   (memory check: RSS after epoch 20 within 10%% of epoch 2)"})
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--fcn-epochs", description = "Epochs per FCN measurement (the first is warm-up; default ${DEFAULT-VALUE}).")
    int fcnEpochs = 4;

    @Option(names = "--cnn-epochs", description = "Epochs per CNN measurement (the first is warm-up; default ${DEFAULT-VALUE}).")
    int cnnEpochs = 3;

    @Option(names = "--cnn-batches", description = "CNN batches per epoch (0 = full epoch; default ${DEFAULT-VALUE}).")
    int cnnBatches = 60;

    @Option(names = "--batch-sizes", split = ",", description = "Batch sizes (default ${DEFAULT-VALUE}).")
    List<Integer> batchSizes = List.of(64, 256);

    @Option(names = "--only", description = "fcn or cnn (default: both).")
    String only;

    @Option(names = "--set", paramLabel = "key=value",
            description = "An extra run option for every measurement; repeat for several, e.g. --set hidden=256,128 --set threads=1.")
    List<String> extra = new ArrayList<>();

    @Option(names = "--verbose", description = "Print RSS and Java heap after every epoch.")
    boolean verbose;

    @Option(names = "--checkpoints", description = "Build a checkpoint after every epoch, as a worker does.")
    boolean checkpoints;

    private final PrintStream out = System.out;

    /**
     * One measurement: median images/s (wall clock) and images per process CPU-second after the warm-up epoch, and
     * RSS in MiB after epoch 2 and the last epoch.
     */
    record Measurement(String model, int batchSize, double medianImagesPerSecond, List<Double> perEpoch, double rssEpoch2, double rssLast,
                       int epochs, double medianImagesPerCpuSecond) {
        boolean memoryStable() {
            return rssLast <= rssEpoch2 * 1.10;
        }
    }

    @Override
    public Integer call() {
        try {
            RunConfig.resolve(KeyValueArgs.parse(extra));
        } catch (ConfigException e) {
            e.problems().forEach(p -> System.err.println("atelier bench: " + p.oneLine()));
            return 2;
        } catch (IllegalArgumentException e) {
            System.err.println("atelier bench: " + e.getMessage());
            return 2;
        }
        out.printf("atelier bench: %d CPU(s) visible, load average %s, allocator %s%n", Runtime.getRuntime().availableProcessors(), loadAverage(),
                NativeAllocator.current());
        out.printf("%-5s %6s %14s %14s %8s %12s %13s  %s%n", "model", "batch", "median img/s", "img/CPU-s", "epochs", "RSS@ep2 MiB",
                "RSS@last MiB", "per-epoch img/s");
        List<Measurement> all = new ArrayList<>();
        for (String model : List.of("fcn", "cnn")) {
            if (only != null && !only.equals(model)) {
                continue;
            }
            for (int batch : batchSizes) {
                Measurement m = measure(model, batch);
                all.add(m);
                out.printf("%-5s %6d %,14.0f %,14.0f %8d %12.0f %13.0f  %s%n", m.model(), m.batchSize(), m.medianImagesPerSecond(),
                        m.medianImagesPerCpuSecond(), m.epochs(),
                        m.rssEpoch2(), m.rssLast(), m.perEpoch().stream().map(v -> String.format("%.0f", v)).toList());
            }
        }
        boolean stable = all.stream().allMatch(Measurement::memoryStable);
        out.println("memory: RSS after the last epoch " + (stable ? "within" : "NOT within") + " 10% of RSS after epoch 2 for every measurement");
        return stable ? 0 : 1;
    }

    Measurement measure(String model, int batch) {
        int epochs = Math.max(2, "fcn".equals(model) ? fcnEpochs : cnnEpochs);
        Map<String, Object> options = new LinkedHashMap<>(Map.of("architecture", model, "batch_size", batch, "epochs", epochs, "schedule", "none"));
        options.putAll(KeyValueArgs.parse(extra));
        if ("cnn".equals(model) && cnnBatches > 0) {
            options.put("max_batches", cnnBatches);
        }
        List<Double> speeds = new ArrayList<>();
        List<Double> cpuSpeeds = new ArrayList<>(List.of(Double.NaN)); // epoch 1 (warm-up) has no start mark
        double[] rss = new double[2];
        long[] mark = new long[1];
        TrainingListener listener = new TrainingListener() {
            @Override
            public boolean wantsCheckpoints() {
                return checkpoints;
            }

            @Override
            public void onBatch(int epoch, int b, int batchesPerEpoch, double runningLoss, double imagesPerSecond) {
                if (b == batchesPerEpoch && mark[0] > 0) {
                    cpuSpeeds.add((double) b * batch / ((processCpuNanos() - mark[0]) / 1e9));
                }
            }

            @Override
            public void onEpoch(EpochMetrics m) {
                mark[0] = processCpuNanos();
                speeds.add(m.imagesPerSecond());
                if (m.epoch() == 2) {
                    rss[0] = rssMiB();
                }
                rss[1] = rssMiB();
                Runtime rt = Runtime.getRuntime();
                if (verbose) {
                    out.printf("  epoch %d: RSS %.0f MiB, Java heap committed %.0f MiB, used %.0f MiB%n", m.epoch(), rss[1],
                            rt.totalMemory() / 1048576.0, (rt.totalMemory() - rt.freeMemory()) / 1048576.0);
                }
            }
        };
        new DjlTrainingEngine().train(RunConfig.resolve(options), listener, CancellationToken.NEVER, Optional.empty());
        return new Measurement(model, batch, medianAfterWarmup(speeds), speeds, rss[0], rss[1], epochs, medianAfterWarmup(cpuSpeeds));
    }

    static double medianAfterWarmup(List<Double> values) {
        if (values.size() < 2) {
            return Double.NaN;
        }
        List<Double> measured = new ArrayList<>(values.subList(1, values.size()));
        measured.sort(Double::compare);
        return measured.size() % 2 == 1 ? measured.get(measured.size() / 2)
                : (measured.get(measured.size() / 2 - 1) + measured.get(measured.size() / 2)) / 2;
    }

    /** CPU time of the whole process (all threads), so throughput per CPU-second does not depend on other load. */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static double rssMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
