package dev.atelier.worker.gan;

import java.nio.file.Files;
import java.nio.file.Path;

/** Manual probe (not a test): GridProbe generator.bin out.png [seed] renders a cached generator's sample grid. */
final class GridProbe {
    public static void main(String[] args) throws Exception {
        try (Generator g = Generator.fromBytes(Files.readAllBytes(Path.of(args[0])))) {
            SampleGrid.write(g, args.length > 2 ? Long.parseLong(args[2]) : 42, Path.of(args[1]));
        }
    }
}
