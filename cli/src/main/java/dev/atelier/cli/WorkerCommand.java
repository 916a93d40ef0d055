package dev.atelier.cli;

import dev.atelier.schemas.messages.Topics;
import dev.atelier.worker.gan.CganExtender;
import dev.atelier.worker.http.OpsVerticle;
import dev.atelier.worker.service.WorkerConfig;
import dev.atelier.worker.service.WorkerVerticle;
import dev.atelier.worker.training.DjlTrainingEngine;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./atelier worker}: a worker that takes runs from Kafka and trains them until stopped (SIGTERM/Ctrl-C). */
@Command(name = "worker", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run a worker that trains runs from Kafka.",
                "Start one per machine (or one per GPU with --gpu N); all workers share the runs in consumer group atelier-workers.",
                "SIGTERM/Ctrl-C: stops taking runs, stops the current run at its last checkpoint (another worker resumes it), leaves the group, exits 0."})
final class WorkerCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerCommand.class);

    @Option(names = "--bootstrap", defaultValue = "localhost:9092", paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
    String bootstrap;

    @Option(names = "--orchestrator", paramLabel = "URL",
            description = "Orchestrator base URL, e.g. http://host:8081: checkpoints and models are stored there (PUT/GET /api/v1/runs/{id}/artifacts/{name}). Token: ATELIER_API_TOKEN.")
    String orchestrator;

    @Option(names = "--artifacts", paramLabel = "DIR",
            description = "Keep checkpoints and models in this local (or shared network) directory instead of the orchestrator.")
    Path artifacts;

    @Option(names = "--slots", defaultValue = "1", paramLabel = "N", description = "Runs trained at the same time (default: ${DEFAULT-VALUE}).")
    int slots;

    @Option(names = "--gpu", paramLabel = "N", description = "Pin this worker to GPU N (run one worker per GPU). Launch through ./atelier, which sets CUDA_VISIBLE_DEVICES=N.")
    Integer gpu;

    @Option(names = "--heartbeat-seconds", defaultValue = "5", paramLabel = "S", description = "Seconds between heartbeats (default: ${DEFAULT-VALUE}).")
    int heartbeatSeconds;

    @Option(names = "--topic-prefix", defaultValue = "atelier", paramLabel = "P", description = "Topic name prefix (default: ${DEFAULT-VALUE}).")
    String topicPrefix;

    @Option(names = "--worker-id", paramLabel = "ID", description = "Name in heartbeats and events (default: <host>-<pid>).")
    String workerId;

    @Option(names = "--session-timeout-ms", defaultValue = "" + WorkerConfig.DEFAULT_SESSION_TIMEOUT_MS, paramLabel = "MS",
            description = "After this long without contact a crashed worker's runs move to another worker (default: ${DEFAULT-VALUE}).")
    int sessionTimeoutMs;

    @Option(names = "--http-port", defaultValue = "8082", paramLabel = "PORT",
            description = "Port of /health/live, /health/ready and /metrics (default: ${DEFAULT-VALUE}; 0 = any free port; -1 = off).")
    int httpPort;

    @Override
    public Integer call() throws Exception {
        if (orchestrator == null && artifacts == null) {
            System.err.println("atelier worker: give --orchestrator http://HOST:8081 (artifacts stored by the orchestrator) or --artifacts DIR (a local or shared directory)");
            return 2;
        }
        if (slots < 1 || heartbeatSeconds < 1 || (gpu != null && gpu < 0)) {
            System.err.println("atelier worker: --slots and --heartbeat-seconds must be >= 1, --gpu >= 0");
            return 2;
        }
        if (httpPort < -1 || httpPort > 65535) {
            System.err.println("atelier worker: --http-port must be a port (0-65535; 0 = any free port) or -1 (off), got " + httpPort);
            return 2;
        }
        String device = device();
        if (device == null) {
            return 2;
        }
        String host = hostName();
        WorkerConfig config = new WorkerConfig(bootstrap, orchestrator, slots, gpu == null ? OptionalInt.empty() : OptionalInt.of(gpu),
                heartbeatSeconds, artifacts, new Topics(topicPrefix), workerId != null ? workerId : host + "-" + ProcessHandle.current().pid(),
                host, sessionTimeoutMs, System.getenv("ATELIER_API_TOKEN"),
                WorkerConfig.DEFAULT_MAX_POLL_INTERVAL_MS);
        Vertx vertx = Vertx.vertx();
        String deployment;
        try {
            WorkerVerticle worker = new WorkerVerticle(config, new DjlTrainingEngine(CganExtender.local()), device);
            if (httpPort >= 0) { // first, so the health endpoints answer while the worker starts and while it drains
                vertx.deployVerticle(OpsVerticle.of(worker, httpPort)).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
            deployment = vertx.deployVerticle(worker).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
        } catch (Exception e) {
            System.err.println("atelier worker: could not start: " + Errors.rootMessage(e));
            vertx.close();
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                vertx.undeploy(deployment).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
                vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
                LOG.info("worker stopped cleanly");
            } catch (Exception e) {
                LOG.error("worker did not stop cleanly: {}", Errors.rootMessage(e));
            } finally {
                stopped.countDown();
                // A clean stop on SIGTERM is a success: exit 0 rather than the signal's 143.
                Runtime.getRuntime().halt(0);
            }
        }, "atelier-worker-shutdown"));
        stopped.await();
        return 0;
    }

    /** Settings of worker {@code index} inside {@code ./atelier up}: artifacts go to the orchestrator. */
    static WorkerConfig localConfig(String bootstrap, String orchestratorUrl, String token, int index) {
        String host = hostName();
        return new WorkerConfig(bootstrap, orchestratorUrl, 1, OptionalInt.empty(), 5, null, Topics.DEFAULT,
                host + "-" + ProcessHandle.current().pid() + "-w" + index, host, WorkerConfig.DEFAULT_SESSION_TIMEOUT_MS, token,
                WorkerConfig.DEFAULT_MAX_POLL_INTERVAL_MS);
    }

    /** What the worker trains on, as reported to the orchestrator; null after printing why it cannot start. */
    private String device() {
        if (gpu == null) {
            return autoDevice();
        }
        if (!DjlTrainingEngine.selectDevice("auto").isGpu()) {
            System.err.println("atelier worker: --gpu " + gpu + " given, but DJL sees no GPU (CUDA_VISIBLE_DEVICES="
                    + System.getenv("CUDA_VISIBLE_DEVICES") + "). The default build bundles CPU natives; see docs/worker.md for the CUDA build.");
            return null;
        }
        String visible = System.getenv("CUDA_VISIBLE_DEVICES");
        if (visible == null || !visible.trim().equals(String.valueOf(gpu))) {
            System.err.println("atelier worker: --gpu " + gpu + " needs CUDA_VISIBLE_DEVICES=" + gpu + " (./atelier sets it); found "
                    + (visible == null ? "none" : visible) + ". Start it as: CUDA_VISIBLE_DEVICES=" + gpu + " ./atelier worker ... --gpu " + gpu);
            return null;
        }
        return "gpu(" + gpu + ")";
    }

    /** The device label of an unpinned worker: the first visible GPU when DJL sees one, else the CPU. */
    static String autoDevice() {
        return DjlTrainingEngine.selectDevice("auto").isGpu() ? "gpu(" + visibleGpu() + ")" : "cpu";
    }

    private static String visibleGpu() {
        String visible = System.getenv("CUDA_VISIBLE_DEVICES");
        return visible == null || visible.isBlank() ? "0" : visible.split(",")[0].trim();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }

}
