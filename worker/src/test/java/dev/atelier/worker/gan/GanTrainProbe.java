package dev.atelier.worker.gan;

import dev.atelier.worker.data.ImageSet;
import java.nio.file.Files;
import java.nio.file.Path;

/** Manual probe (not a test): java ... GanTrainProbe arch epochs n out.bin */
final class GanTrainProbe {
    public static void main(String[] args) throws Exception {
        ImageSet train = TestData.fashion("train", Integer.parseInt(args[2]));
        GanOptions o = new GanOptions(args[0], Integer.parseInt(args[1]), 0.0002, 128, 100, 42, 0);
        GanTrainer.Result r = GanTrainer.train(o, train, System.out::println);
        Files.write(Path.of(args[3]), r.generator().toBytes());
        System.out.println(r.stats());
    }
}
