package dev.atelier.cli;

import dev.atelier.dashboard.Dashboard;
import dev.atelier.dashboard.DashboardConfig;
import io.vertx.core.Vertx;
import java.net.URI;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./atelier dashboard}: the web UI over the orchestrator's PostgreSQL store. */
@Command(name = "dashboard", mixinStandardHelpOptions = true,
        description = {"Run the web dashboard: sweeps, live curves, results, workers.",
                "Reads the orchestrator's PostgreSQL store; submissions, cancel and retry go to the orchestrator's API.",
                "Example: ./atelier dashboard --db jdbc:postgresql://localhost:5432/atelier --orchestrator http://localhost:8081 --port 8080"})
final class DashboardCommand implements Callable<Integer> {
    @Option(names = "--db", required = true, description = "PostgreSQL JDBC URL of the orchestrator's store.")
    String db;

    @Option(names = "--db-user", defaultValue = "${env:ATELIER_DB_USER}", description = "Database user (default: $ATELIER_DB_USER or the URL's).")
    String dbUser;

    @Option(names = "--db-password", defaultValue = "${env:ATELIER_DB_PASSWORD}", description = "Database password (default: $ATELIER_DB_PASSWORD).")
    String dbPassword;

    @Option(names = "--orchestrator", defaultValue = "http://localhost:8081", description = "Orchestrator base URL (default: ${DEFAULT-VALUE}).")
    URI orchestrator;

    @Option(names = "--host", defaultValue = "0.0.0.0", description = "Interface to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "8080", description = "HTTP port (default: ${DEFAULT-VALUE}).")
    int port;

    @Override
    public Integer call() throws Exception {
        DashboardConfig config;
        try {
            config = new DashboardConfig(db, dbUser, dbPassword, orchestrator, host, port);
        } catch (IllegalArgumentException e) {
            System.err.println("atelier dashboard: " + e.getMessage());
            return 2;
        }
        Vertx vertx = Vertx.vertx();
        Dashboard dashboard;
        try {
            dashboard = Dashboard.start(vertx, config).await();
        } catch (Exception e) {
            System.err.println("atelier dashboard: could not start: " + e.getMessage());
            vertx.close().await();
            return 1;
        }
        System.out.println("Atelier dashboard: http://" + ("0.0.0.0".equals(host) ? "localhost" : host) + ":" + dashboard.port() + "/");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            dashboard.close();
            vertx.close().await();
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }
}
