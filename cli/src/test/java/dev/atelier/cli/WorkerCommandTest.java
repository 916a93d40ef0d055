package dev.atelier.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WorkerCommandTest {

    private static String[] run(String... args) {
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = Main.commandLine().execute(args);
            return new String[]{String.valueOf(code), err.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setErr(oldErr);
        }
    }

    @Test
    void withoutAnArtifactStoreTheWorkerSaysWhatToGive() {
        String[] r = run("worker", "--bootstrap", "localhost:1");
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[1]).contains("--orchestrator http://HOST:8081").contains("--artifacts DIR");
    }

    @Test
    void nonsenseSlotCountsAreRejected() {
        String[] r = run("worker", "--artifacts", "/tmp/x", "--slots", "0");
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[1]).contains("--slots");
    }

    @Test
    void helpListsEveryOption() {
        var out = new java.io.StringWriter();
        Main.commandLine().getSubcommands().get("worker").usage(new java.io.PrintWriter(out));
        assertThat(out.toString()).contains("--bootstrap", "--orchestrator", "--slots", "--gpu", "--heartbeat-seconds", "--artifacts", "--topic-prefix");
    }
}
