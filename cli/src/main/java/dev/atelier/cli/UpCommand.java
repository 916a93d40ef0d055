package dev.atelier.cli;

import dev.atelier.dashboard.Dashboard;
import dev.atelier.dashboard.DashboardConfig;
import dev.atelier.embedded.EmbeddedKafka;
import dev.atelier.embedded.EmbeddedPostgresDb;
import dev.atelier.orchestrator.Orchestrator;
import dev.atelier.orchestrator.config.OrchestratorConfig;
import dev.atelier.worker.data.DataException;
import dev.atelier.worker.data.FashionMnist;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./atelier up}: the whole platform in one JVM — embedded Kafka and PostgreSQL (or external ones), the
 * orchestrator, workers and the dashboard. Ctrl-C stops everything in reverse order.
 */
@Command(name = "up", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the whole platform in one process: Kafka (embedded, KRaft), PostgreSQL (embedded), the orchestrator,",
                "workers and the dashboard. Data is kept under --home, so sweeps survive a restart. Ctrl-C stops everything."})
final class UpCommand implements Callable<Integer> {
    static final String DEMO_SWEEP = "name=demo architecture=fcn,cnn lr=0.001,0.003 epochs=2";

    @Option(names = "--workers", defaultValue = "1", paramLabel = "N", description = "Workers to start in this process (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--demo", description = "Also submit a small demo sweep (" + DEMO_SWEEP + "); finishes in a few minutes on a laptop CPU.")
    boolean demo;

    @Option(names = "--kafka", paramLabel = "HOST:PORT", description = "Use this Kafka instead of the embedded broker.")
    String kafka;

    @Option(names = "--db", paramLabel = "JDBC_URL", description = "Use this PostgreSQL (jdbc:postgresql://...) instead of the embedded one.")
    String db;

    @Option(names = "--db-user", defaultValue = "atelier", description = "User for --db (default: ${DEFAULT-VALUE}).")
    String dbUser;

    @Option(names = "--db-password", defaultValue = "${env:ATELIER_DB_PASSWORD:-atelier}", description = "Password for --db (default: $ATELIER_DB_PASSWORD or 'atelier').")
    String dbPassword;

    @Option(names = "--home", paramLabel = "DIR", description = "Where the embedded services keep their data (default: ~/.atelier).")
    Path home;

    @Option(names = "--api-port", defaultValue = "8081", description = "Orchestrator API port (default: ${DEFAULT-VALUE}).")
    int apiPort;

    @Option(names = "--dashboard-port", defaultValue = "8080", description = "Dashboard port (default: ${DEFAULT-VALUE}).")
    int dashboardPort;

    @Option(names = "--kafka-port", defaultValue = "9092", description = "Embedded Kafka port (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int kafkaPort;

    @Option(names = "--db-port", defaultValue = "5433", description = "Embedded PostgreSQL port (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int dbPort;

    @Override
    public Integer call() throws Exception {
        if (workers < 0) {
            System.err.println("atelier up: --workers must be >= 0, got " + workers);
            return 2;
        }
        if (workers > 0) {
            try {
                FashionMnist.load("", false);
            } catch (DataException e) {
                System.err.println("atelier up: the Fashion-MNIST dataset is missing. " + e.getMessage());
                return 2;
            }
        }
        Path dir = home != null ? home : Path.of(System.getProperty("user.home"), ".atelier");
        Files.createDirectories(dir);
        String token = Optional.ofNullable(System.getenv("ATELIER_API_TOKEN")).filter(t -> !t.isBlank()).orElseGet(UpCommand::newToken);

        Platform platform = new Platform();
        Runtime.getRuntime().addShutdownHook(new Thread(platform::close, "atelier-up-stop"));
        try {
            String bootstrap = kafka != null ? kafka : platform.add(EmbeddedKafka.start(dir.resolve("kafka"), kafkaPort, false)).bootstrapServers();
            String jdbc;
            String user = dbUser;
            String password = dbPassword;
            if (db != null) {
                jdbc = db;
            } else {
                EmbeddedPostgresDb pg = platform.add(EmbeddedPostgresDb.start(Optional.of(dir.resolve("postgres")), dbPort));
                jdbc = pg.createDatabase("atelier");
                user = pg.user();
                password = pg.password();
            }
            OrchestratorConfig orchestratorConfig = OrchestratorConfig.defaults().withEnvironment(System.getenv())
                    .withDb(jdbc, user, password).withKafka(bootstrap, OrchestratorConfig.defaults().topics())
                    .withPort(apiPort).withApiToken(token);
            Orchestrator orchestrator = platform.add(Orchestrator.start(platform.vertx(), orchestratorConfig).await());
            String api = "http://localhost:" + orchestrator.port();
            for (int i = 1; i <= workers; i++) {
                platform.startWorker(WorkerCommand.localConfig(bootstrap, api, token, i));
            }
            Dashboard dashboard = platform.add(Dashboard.start(platform.vertx(),
                    new DashboardConfig(jdbc, user, password, URI.create(api), "0.0.0.0", dashboardPort)).await());

            System.out.println();
            System.out.println("Atelier is up.");
            System.out.println("  Dashboard:  http://localhost:" + dashboard.port() + "/");
            System.out.println("  API:        " + api + "/api/v1   (OpenAPI: " + api + "/api/v1/openapi.yaml)");
            System.out.println("  API token:  " + token + "   (mutating calls: -H 'Authorization: Bearer <token>')");
            System.out.println("  Kafka:      " + bootstrap + "   PostgreSQL: " + jdbc + "   workers: " + workers);
            System.out.println("  Data:       " + dir + "   Stop: Ctrl-C");
            if (demo) {
                System.out.println("  Demo sweep: " + DemoSweep.submit(api, token, DEMO_SWEEP));
            }
            System.out.flush();
        } catch (Exception e) {
            System.err.println("atelier up: could not start: " + Errors.rootMessage(e));
            platform.close();
            return 1;
        }
        new CountDownLatch(1).await();
        return 0;
    }

    private static String newToken() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

}
