package dev.atelier.worker.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every convolution the worker builds goes through {@link BlockedConv2d#of}: a plain DJL {@code Conv2d} with fewer
 * than 16 (or not a multiple of 16) output channels gets wrong input gradients from oneDNN on AVX-512 CPUs (see
 * {@code BlockedConv2dTest}), so one added in a new model would silently corrupt its training again.
 */
class BlockedConvolutionSourceTest {
    private static final Path SOURCES = Path.of("src/main/java");

    @Test
    void noMainSourceBuildsAPlainConvolution() throws IOException {
        List<String> plain = new ArrayList<>();
        int wrapped = 0;
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i);
                    for (String call : List.of("Conv1d.builder()", "Conv2d.builder()", "Conv3d.builder()")) {
                        if (!line.contains(call)) {
                            continue;
                        }
                        if (line.contains("BlockedConv2d.of(" + call)) {
                            wrapped++;
                        } else {
                            plain.add(SOURCES.relativize(file) + ":" + (i + 1) + ": " + line.strip());
                        }
                    }
                }
            }
        }
        assertThat(plain).as("convolutions built without BlockedConv2d.of(...)").isEmpty();
        assertThat(wrapped).as("the check found the worker's convolutions at all").isGreaterThanOrEqualTo(4);
    }
}
