package dev.atelier.dashboard.http;

import dev.atelier.dashboard.DashboardConfig;
import dev.atelier.dashboard.ops.DashboardMetrics;
import dev.atelier.dashboard.persistence.ReadStore;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The dashboard's HTTP server: static UI, echarts from its WebJar, read API, live events and the proxy. */
public final class HttpVerticle extends VerticleBase {
    /** The echarts WebJar's resources, as packaged on Maven Central. */
    static final String ECHARTS_ROOT = "META-INF/resources/webjars/echarts/5.3.1/dist";
    private static final Logger LOG = LoggerFactory.getLogger(HttpVerticle.class);
    private static final long MAX_BODY_BYTES = 1024 * 1024;

    private final DashboardConfig config;
    private final ReadStore store;
    private final DashboardMetrics metrics;
    private final BooleanSupplier listenerUp;
    private HttpServer server;

    public HttpVerticle(DashboardConfig config, ReadStore store, DashboardMetrics metrics, BooleanSupplier listenerUp) {
        this.config = config;
        this.store = store;
        this.metrics = metrics;
        this.listenerUp = listenerUp;
    }

    @Override
    public Future<?> start() {
        Router router = Router.router(vertx);
        router.route().handler(new SecurityHeaders());
        new OpsApi(store, metrics, listenerUp).mount(router);
        router.route("/api/v1/*").handler(BodyHandler.create().setBodyLimit(MAX_BODY_BYTES));
        new OrchestratorProxy(WebClient.create(vertx), config.orchestratorUrl()).mount(router);
        new ReadApi(store).mount(router);
        router.get(LiveEvents.PATH).handler(new LiveEvents(vertx, metrics)::handle);
        router.route("/vendor/echarts/*").handler(StaticHandler.create(ECHARTS_ROOT).setMaxAgeSeconds(86_400));
        router.route("/*").handler(StaticHandler.create("webroot").setCachingEnabled(false));
        router.route().failureHandler(new ErrorHandler());
        router.route().last().handler(ctx -> ctx.fail(404));
        return vertx.createHttpServer().requestHandler(router).listen(config.port(), config.host()).onSuccess(s -> {
            server = s;
            LOG.info("Dashboard listening on http://{}:{}/", config.host(), s.actualPort());
        });
    }

    public int actualPort() {
        return server.actualPort();
    }
}
