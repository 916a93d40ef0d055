package dev.atelier.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** What a person sees when they start the dashboard with a wrong option. */
class DashboardCommandTest {

    @Test
    void aNonPostgresUrlIsRefusedWithWhatToType() {
        Result r = run("dashboard", "--db", "mysql://localhost/atelier");
        assertThat(r.code).isEqualTo(2);
        assertThat(r.err).contains("--db must be a PostgreSQL JDBC URL (jdbc:postgresql://HOST:PORT/DB), got 'mysql://localhost/atelier'");
    }

    @Test
    void anOrchestratorWithoutHttpIsRefused() {
        Result r = run("dashboard", "--db", "jdbc:postgresql://localhost/atelier", "--orchestrator", "localhost:8081");
        assertThat(r.code).isEqualTo(2);
        assertThat(r.err).contains("--orchestrator must be an http(s) URL such as http://localhost:8081");
    }

    @Test
    void helpListsEveryOption() {
        StringWriter out = new StringWriter();
        CommandLine cmd = Main.commandLine();
        cmd.setOut(new PrintWriter(out));
        assertThat(cmd.execute("dashboard", "--help")).isZero();
        assertThat(out.toString()).contains("--db", "--orchestrator", "--port", "--host", "--db-user", "--db-password");
    }

    private static Result run(String... args) {
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream old = System.err;
        System.setErr(new java.io.PrintStream(err, true));
        try {
            int code = Main.commandLine().execute(args);
            return new Result(code, err.toString());
        } finally {
            System.setErr(old);
        }
    }

    private record Result(int code, String err) {
    }
}
