package dev.atelier.orchestrator.support;

import dev.atelier.embedded.EmbeddedPostgresDb;
import java.util.concurrent.atomic.AtomicInteger;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * A real PostgreSQL for integration tests: a Testcontainers container when Docker is available, the embedded
 * zonky server otherwise. Each test gets its own fresh database.
 */
public final class TestPostgres {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static TestPostgres shared;
    private final EmbeddedPostgresDb embedded;
    private final PostgreSQLContainer container;

    private TestPostgres(EmbeddedPostgresDb embedded, PostgreSQLContainer container) {
        this.embedded = embedded;
        this.container = container;
    }

    public static synchronized TestPostgres shared() {
        if (shared == null) {
            if (dockerAvailable()) {
                PostgreSQLContainer c = new PostgreSQLContainer("postgres:16-alpine");
                c.start();
                shared = new TestPostgres(null, c);
            } else {
                shared = new TestPostgres(EmbeddedPostgresDb.startTemporary(), null);
            }
        }
        return shared;
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | Error e) {
            return false;
        }
    }

    /** A new empty database; returns its JDBC URL. */
    public String newDatabase() {
        String name = "t" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        if (embedded != null) {
            return embedded.createDatabase(name);
        }
        try (var conn = java.sql.DriverManager.getConnection(container.getJdbcUrl(), user(), password()); var s = conn.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return container.getJdbcUrl().replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1");
    }

    public String user() {
        return embedded != null ? embedded.user() : container.getUsername();
    }

    public String password() {
        return embedded != null ? embedded.password() : container.getPassword();
    }
}
