package dev.atelier.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TrainCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        CommandLine cli = new CommandLine(new TrainCommand(o, e));
        cli.setOut(new java.io.PrintWriter(o, true));
        cli.setErr(new java.io.PrintWriter(e, true));
        return cli.execute(args);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void badInputGivesOneLineErrorExitCode2AndTrainsNothing() {
        Path outDir = dir.resolve("never");
        for (String[] bad : List.of(new String[] {"lr=-1"}, new String[] {"architecure=cnn"}, new String[] {"batch_size=0"})) {
            err.reset();
            List<String> args = new ArrayList<>(List.of(bad));
            args.add("--out=" + outDir);
            assertThat(run(args.toArray(String[]::new))).as(bad[0]).isEqualTo(2);
            assertThat(stderr().lines().toList()).as(bad[0]).hasSize(1);
        }
        assertThat(outDir).doesNotExist();
        err.reset();
        run("lr=-1", "--out=" + outDir);
        assertThat(stderr()).contains("lr: '-1' is below the minimum (allowed: number in [1.0E-7, 10])");
        err.reset();
        run("architecure=cnn", "--out=" + outDir);
        assertThat(stderr()).contains("did you mean 'architecture'");
        err.reset();
        run("batch_size=0", "--out=" + outDir);
        assertThat(stderr()).contains("batch_size: '0' is below the minimum (allowed: integer in [1, 65536])");
    }

    @Test
    void badConfigFileIsABadInputToo() throws Exception {
        Path yaml = Files.writeString(dir.resolve("c.yaml"), "architecture: cnn\nlrr: 0.1\n");
        assertThat(run("--config", yaml.toString(), "--out=" + dir.resolve("x"))).isEqualTo(2);
        assertThat(stderr()).contains("lrr: unknown option").contains("did you mean 'lr'");
        err.reset();
        assertThat(run("--config", dir.resolve("missing.yaml").toString())).isEqualTo(2);
        assertThat(stderr()).contains("missing.yaml: no such file");
    }

    @Test
    void helpListsEveryRunOption() {
        assertThat(run("--help")).isZero();
        String help = out.toString(StandardCharsets.UTF_8);
        for (var def : dev.atelier.schemas.config.RunOptions.ALL) {
            assertThat(help).contains("  " + def.key() + "=");
        }
    }

    @Test
    void smokeRunFromAYamlConfigWritesTheResultDirectory() throws Exception {
        Path yaml = Files.writeString(dir.resolve("run.yaml"), "# smoke\nepochs: 2\nmax_batches: 5\nhidden: [64, 32]\n");
        Path outDir = dir.resolve("run");
        assertThat(run("--config", yaml.toString(), "batch_size=32", "--out=" + outDir)).isZero();
        String stdout = out.toString(StandardCharsets.UTF_8);
        assertThat(stdout).contains("hidden=64,32").contains("batch_size=32").contains("epoch   2/2").contains("test_acc=");
        assertThat(stderr()).contains("epoch 1/2 [").contains("img/s").contains("ETA");
        JsonObject result = new JsonObject(Files.readString(outDir.resolve("result.json")));
        assertThat(result.getDouble("test_acc")).isBetween(0.15, 1.0);
        assertThat(result.getJsonArray("confusion_matrix")).hasSize(10);
        assertThat(result.getJsonArray("per_class_accuracy")).hasSize(10);
        assertThat(Files.readAllLines(outDir.resolve("metrics.csv"))).hasSize(3).first().asString().startsWith("epoch,train_loss");
        assertThat(new JsonArray(Files.readString(outDir.resolve("metrics.json")))).hasSize(2);
        assertThat(new JsonObject(Files.readString(outDir.resolve("config.json"))).getInteger("max_batches")).isEqualTo(5);
        assertThat(Files.size(outDir.resolve("best-model.params"))).isPositive();
        assertThat(javax.imageio.ImageIO.read(outDir.resolve("confusion-matrix.png").toFile()).getWidth()).isGreaterThan(500);
    }
}
