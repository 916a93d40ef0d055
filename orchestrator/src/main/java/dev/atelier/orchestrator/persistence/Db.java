package dev.atelier.orchestrator.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.sql.Connection;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;

/**
 * The connection pool, migrated by Flyway at open, and a bounded executor so JDBC never runs on an event loop:
 * {@link #tx} runs one transaction on a pool thread and completes a future.
 */
public final class Db implements AutoCloseable {
    private final HikariDataSource dataSource;
    private final WorkerExecutor executor;

    /** One unit of JDBC work inside a transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws Exception;
    }

    private Db(HikariDataSource dataSource, WorkerExecutor executor) {
        this.dataSource = dataSource;
        this.executor = executor;
    }

    /** Opens the pool and applies pending migrations (blocking: call at start-up, off the event loop). */
    public static Db open(Vertx vertx, String url, String user, String password, int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("atelier-db");
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        HikariDataSource ds = new HikariDataSource(config);
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        return new Db(ds, vertx.createSharedWorkerExecutor("atelier-jdbc", poolSize));
    }

    /** Runs {@code work} in one transaction off the event loop; rolled back when it throws. */
    public <T> Future<T> tx(Work<T> work) {
        return executor.executeBlocking(() -> txNow(work), false);
    }

    /** The same, on the calling thread, for callers that already own a blocking thread (Kafka poll loops). */
    public <T> T txNow(Work<T> work) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (Exception | Error e) {
                rollback(c);
                throw e;
            }
        }
    }

    private static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the original failure is what matters
        }
    }

    @Override
    public void close() {
        executor.close();
        dataSource.close();
    }
}
