package dev.atelier.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.schemas.config.RunOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** README.md's options table must be exactly what {@link RunOptions#markdownTable()} generates. */
class ReadmeOptionsTableTest {
    static final String START = "<!-- options-table -->\n";
    static final String END = "<!-- /options-table -->";

    @Test
    void readmeOptionsTableMatchesTheDefinitions() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        int start = readme.indexOf(START);
        int end = readme.indexOf(END);
        assertThat(start).as("README.md has the options-table markers").isNotNegative();
        assertThat(readme.substring(start + START.length(), end))
                .as("README options table is out of date; regenerate it with: bench/update-options-table.sh")
                .isEqualTo(RunOptions.markdownTable());
    }
}
