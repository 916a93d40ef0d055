package dev.atelier.cli;

import dev.atelier.schemas.config.RunConfig;
import dev.atelier.worker.training.EpochMetrics;
import dev.atelier.worker.training.TrainResult;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;

/**
 * The result directory of one {@code ./atelier train}: config.json, metrics.csv (appended per epoch), metrics.json,
 * result.json, best-model.params and confusion-matrix.png.
 */
final class RunOutput {
    static final String CSV_HEADER = "epoch,train_loss,train_acc,val_loss,val_acc,lr,epoch_seconds,images_per_second\n";
    private final Path dir;
    private final JsonArray metrics = new JsonArray();

    private RunOutput(Path dir) {
        this.dir = dir;
    }

    static RunOutput create(Path requested) {
        Path dir = requested != null ? requested : Path.of("runs",
                LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-" + UUID.randomUUID().toString().substring(0, 6));
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("metrics.csv"), CSV_HEADER);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create output directory " + dir, e);
        }
        return new RunOutput(dir);
    }

    Path dir() {
        return dir;
    }

    void writeConfig(RunConfig config) {
        write("config.json", config.toJson().encodePrettily());
    }

    void appendEpoch(EpochMetrics m) {
        metrics.add(toJson(m));
        String line = String.format(Locale.ROOT, "%d,%.6f,%.6f,%.6f,%.6f,%.6g,%.3f,%.1f%n", m.epoch(), m.trainLoss(), m.trainAcc(),
                m.valLoss(), m.valAcc(), m.lr(), m.epochSeconds(), m.imagesPerSecond());
        try {
            Files.writeString(dir.resolve("metrics.csv"), line, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        write("metrics.json", metrics.encodePrettily());
    }

    void writeResult(RunConfig config, TrainResult r) {
        JsonArray matrix = new JsonArray();
        for (int[] row : r.confusionMatrix()) {
            JsonArray jsonRow = new JsonArray();
            for (int v : row) {
                jsonRow.add(v);
            }
            matrix.add(jsonRow);
        }
        JsonObject result = new JsonObject().put("test_acc", r.testAcc()).put("test_loss", r.testLoss())
                .put("per_class_accuracy", new JsonArray(r.perClassAccuracy())).put("class_names", new JsonArray(ConfusionMatrixPng.CLASS_NAMES))
                .put("confusion_matrix", matrix).put("best_epoch", r.bestEpoch()).put("best_val_acc", r.bestValAcc())
                .put("epochs_trained", r.history().size()).put("total_seconds", r.totalSeconds()).put("device", r.device())
                .put("mean_images_per_second", r.history().stream().mapToDouble(EpochMetrics::imagesPerSecond).average().orElse(0))
                .put("config", config.toJson());
        write("result.json", result.encodePrettily());
        try {
            Files.write(dir.resolve("best-model.params"), r.bestModelParams());
            ConfusionMatrixPng.write(r.confusionMatrix(), r.testAcc(), dir.resolve("confusion-matrix.png"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonObject toJson(EpochMetrics m) {
        return new JsonObject().put("epoch", m.epoch()).put("train_loss", m.trainLoss()).put("train_acc", m.trainAcc())
                .put("val_loss", m.valLoss()).put("val_acc", m.valAcc()).put("lr", m.lr()).put("epoch_seconds", m.epochSeconds())
                .put("images_per_second", m.imagesPerSecond());
    }

    private void write(String name, String content) {
        try {
            Files.writeString(dir.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
