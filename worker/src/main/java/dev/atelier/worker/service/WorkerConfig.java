package dev.atelier.worker.service;

import dev.atelier.schemas.messages.Topics;
import java.nio.file.Path;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Typed worker settings (defaults here, overridden by the command line).
 *
 * @param orchestratorUrl base URL of the orchestrator's HTTP API, used for the artifact store; null to use {@code artifactsDir}
 * @param artifactsDir local artifact directory, used when no orchestrator URL is given (or forced by {@code --artifacts})
 * @param gpu the GPU this process is pinned to, empty for none
 * @param sessionTimeoutMs how long the group waits for a silent worker before moving its runs
 * @param apiToken bearer token for the orchestrator's API, null when none (never logged)
 * @param maxPollIntervalMs Kafka's max.poll.interval.ms; the worker polls every 250 ms even during long runs, so this only
 *        matters if the event loop is stuck
 */
public record WorkerConfig(String bootstrap, String orchestratorUrl, int slots, OptionalInt gpu, int heartbeatSeconds,
                           Path artifactsDir, Topics topics, String workerId, String host, int sessionTimeoutMs, String apiToken,
                           int maxPollIntervalMs) {

    public static final int DEFAULT_SESSION_TIMEOUT_MS = 10_000;
    public static final int DEFAULT_MAX_POLL_INTERVAL_MS = 300_000;

    public WorkerConfig {
        Objects.requireNonNull(bootstrap, "bootstrap");
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(workerId, "workerId");
        if (slots < 1) {
            throw new IllegalArgumentException("slots must be at least 1, got " + slots);
        }
        if (heartbeatSeconds < 1) {
            throw new IllegalArgumentException("heartbeat seconds must be at least 1, got " + heartbeatSeconds);
        }
        if (orchestratorUrl == null && artifactsDir == null) {
            throw new IllegalArgumentException("give an orchestrator URL (--orchestrator) or an artifacts directory (--artifacts)");
        }
    }

    /** Local settings for tests and single-machine use: local artifact directory, 1 slot. */
    public static WorkerConfig local(String bootstrap, Topics topics, Path artifactsDir, String workerId) {
        return new WorkerConfig(bootstrap, null, 1, OptionalInt.empty(), 2, artifactsDir, topics, workerId, "localhost",
                DEFAULT_SESSION_TIMEOUT_MS, null, DEFAULT_MAX_POLL_INTERVAL_MS);
    }

    public WorkerConfig withSlots(int n) {
        return new WorkerConfig(bootstrap, orchestratorUrl, n, gpu, heartbeatSeconds, artifactsDir, topics, workerId, host, sessionTimeoutMs, apiToken, maxPollIntervalMs);
    }

    public WorkerConfig withSessionTimeoutMs(int ms) {
        return new WorkerConfig(bootstrap, orchestratorUrl, slots, gpu, heartbeatSeconds, artifactsDir, topics, workerId, host, ms, apiToken, maxPollIntervalMs);
    }

    public WorkerConfig withMaxPollIntervalMs(int ms) {
        return new WorkerConfig(bootstrap, orchestratorUrl, slots, gpu, heartbeatSeconds, artifactsDir, topics, workerId, host, sessionTimeoutMs, apiToken, ms);
    }

    public WorkerConfig withHeartbeatSeconds(int s) {
        return new WorkerConfig(bootstrap, orchestratorUrl, slots, gpu, s, artifactsDir, topics, workerId, host, sessionTimeoutMs, apiToken, maxPollIntervalMs);
    }

    /**
     * The consumer group of the runs topic: {@value Topics#WORKER_GROUP} for the default prefix, {@code <prefix>-workers}
     * otherwise, so installations (and tests) sharing a broker never share a group.
     */
    public String groupId() {
        return topics.prefix().equals(Topics.DEFAULT.prefix()) ? Topics.WORKER_GROUP : topics.prefix() + "-workers";
    }

    /** For the start-up log line: everything but the token. */
    public String describe() {
        return "workerId=" + workerId + " host=" + host + " bootstrap=" + bootstrap + " topics=" + topics.prefix() + ".* group=" + groupId()
                + " slots=" + slots + " gpu=" + (gpu.isPresent() ? gpu.getAsInt() : "none") + " heartbeat=" + heartbeatSeconds + "s"
                + " artifacts=" + (artifactsDir != null ? artifactsDir : orchestratorUrl) + " sessionTimeoutMs=" + sessionTimeoutMs
                + " apiToken=" + (apiToken == null ? "unset" : "set");
    }
}
