package dev.atelier.dashboard;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.atelier.dashboard.http.HttpVerticle;
import dev.atelier.dashboard.live.LiveEventsVerticle;
import dev.atelier.dashboard.live.PgNotificationListener;
import dev.atelier.dashboard.ops.DashboardMetrics;
import dev.atelier.dashboard.ops.PlatformGaugesVerticle;
import dev.atelier.dashboard.persistence.ReadStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires the dashboard: a read-only connection pool, the LISTEN thread, live events and the HTTP server. */
public final class Dashboard implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Dashboard.class);
    private static final int JDBC_THREADS = 4;
    /** A query waits at most this long for a connection, so a dead database fails requests (and readiness) quickly. */
    private static final long CONNECTION_TIMEOUT_MILLIS = 3_000;

    private final Vertx vertx;
    private final HikariDataSource dataSource;
    private final WorkerExecutor jdbc;
    private final PgNotificationListener listener;
    private final ReadStore store;
    private final DashboardMetrics metrics = new DashboardMetrics();
    private final HttpVerticle http;

    private Dashboard(Vertx vertx, DashboardConfig config) {
        this.vertx = vertx;
        this.dataSource = new HikariDataSource(hikari(config));
        this.jdbc = vertx.createSharedWorkerExecutor("atelier-dashboard-jdbc", JDBC_THREADS);
        this.listener = new PgNotificationListener(vertx, config.jdbcUrl(), credentials(config));
        this.store = new ReadStore(dataSource, jdbc);
        this.http = new HttpVerticle(config, store, metrics, listener::listening);
    }

    /** Starts everything; the future completes once the HTTP server listens. */
    public static Future<Dashboard> start(Vertx vertx, DashboardConfig config) {
        LOG.info("Starting dashboard: {}", config.describe());
        Dashboard d = new Dashboard(vertx, config);
        return vertx.deployVerticle(new LiveEventsVerticle(d.store))
                .compose(id -> vertx.deployVerticle(new PlatformGaugesVerticle(d.store, d.metrics)))
                .compose(id -> {
                    d.listener.start();
                    return vertx.deployVerticle(d.http);
                })
                .map(d)
                .onFailure(e -> d.close());
    }

    public int port() {
        return http.actualPort();
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        jdbc.close();
        dataSource.close();
    }

    private static HikariConfig hikari(DashboardConfig config) {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(config.jdbcUrl());
        if (config.dbUser() != null) {
            hc.setUsername(config.dbUser());
        }
        if (config.dbPassword() != null) {
            hc.setPassword(config.dbPassword());
        }
        hc.setMaximumPoolSize(JDBC_THREADS);
        hc.setReadOnly(true);
        hc.setPoolName("atelier-dashboard");
        hc.setInitializationFailTimeout(-1);
        hc.setConnectionTimeout(CONNECTION_TIMEOUT_MILLIS);
        return hc;
    }

    private static Properties credentials(DashboardConfig config) {
        Properties p = new Properties();
        if (config.dbUser() != null) {
            p.setProperty("user", config.dbUser());
        }
        if (config.dbPassword() != null) {
            p.setProperty("password", config.dbPassword());
        }
        return p;
    }
}
