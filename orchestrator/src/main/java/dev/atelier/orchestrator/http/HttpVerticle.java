package dev.atelier.orchestrator.http;

import dev.atelier.orchestrator.config.OrchestratorConfig;
import dev.atelier.orchestrator.metrics.OrchestratorMetrics;
import dev.atelier.orchestrator.persistence.Db;
import dev.atelier.orchestrator.sweep.SweepService;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The REST API server: wires the route groups, auth, body limits and the single error handler. */
public final class HttpVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(HttpVerticle.class);
    private final Db db;
    private final Admin admin;
    private final OrchestratorConfig config;
    private final OrchestratorMetrics metrics;
    private HttpServer server;

    public HttpVerticle(Db db, Admin admin, OrchestratorConfig config, OrchestratorMetrics metrics) {
        this.db = db;
        this.admin = admin;
        this.config = config;
        this.metrics = metrics;
    }

    @Override
    public Future<?> start() {
        Router router = Router.router(vertx);
        ContractValidator contract = new ContractValidator();
        BearerAuth auth = new BearerAuth(config.apiToken());
        new SweepRoutes(db, new SweepService(db, config), contract)
                .mount(router, auth, BodyHandler.create(false).setBodyLimit(OrchestratorConfig.BODY_LIMIT_BYTES));
        new RunRoutes(db, config).mount(router, auth, BodyHandler.create(false).setBodyLimit(config.artifactLimitBytes()));
        new OpsRoutes(db, admin, config, metrics, contract).mount(router);
        ErrorHandler errors = new ErrorHandler();
        router.route().failureHandler(errors);
        router.errorHandler(404, errors);
        router.errorHandler(405, errors);
        return vertx.createHttpServer().requestHandler(router).listen(config.port()).onSuccess(s -> {
            server = s;
            LOG.info("orchestrator API listening on port {}", s.actualPort());
        });
    }

    /** The bound port (useful with port 0). */
    public int port() {
        return server.actualPort();
    }
}
