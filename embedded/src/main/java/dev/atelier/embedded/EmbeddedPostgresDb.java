package dev.atelier.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server started from the zonky binaries inside this JVM. With a data directory the data
 * survives restarts ({@code ./atelier up} keeps it under ~/.atelier); without one it is a throw-away instance.
 */
public final class EmbeddedPostgresDb implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresDb.class);
    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresDb(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * @param dataDirectory where the cluster lives (kept between starts), or empty for a temporary one
     * @param port the port to listen on, 0 for a free one
     */
    public static EmbeddedPostgresDb start(Optional<Path> dataDirectory, int port) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
            if (port > 0) {
                builder.setPort(port);
            }
            dataDirectory.ifPresent(dir -> builder.setDataDirectory(dir).setCleanDataDirectory(false));
            EmbeddedPostgresDb db = new EmbeddedPostgresDb(builder.start());
            LOG.info("embedded PostgreSQL listening on port {} (data: {})", db.port(), dataDirectory.map(Path::toString).orElse("temporary"));
            return db;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
        }
    }

    public static EmbeddedPostgresDb startTemporary() {
        return start(Optional.empty(), 0);
    }

    public int port() {
        return postgres.getPort();
    }

    /** JDBC URL of {@code database} (user and password: postgres). */
    public String jdbcUrl(String database) {
        return postgres.getJdbcUrl("postgres", database);
    }

    public String user() {
        return "postgres";
    }

    public String password() {
        return "postgres";
    }

    /** Creates {@code name} when it does not exist yet and returns its JDBC URL; tests use one database each. */
    public String createDatabase(String name) {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            var rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name.replace("'", "") + "'");
            if (!rs.next()) {
                s.execute("CREATE DATABASE \"" + name.replace("\"", "") + "\"");
            }
            return jdbcUrl(name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("embedded PostgreSQL did not stop cleanly", e);
        }
    }
}
