package dev.atelier.orchestrator.config;

import dev.atelier.schemas.messages.Topics;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the orchestrator needs, typed. Defaults &lt; environment (ATELIER_*) &lt; command line.
 *
 * @param apiToken bearer token required on mutating endpoints, empty = no auth
 * @param runTimeout a run whose worker has not heart-beaten for this long is requeued
 * @param workerTimeout a worker is considered gone (no new dispatches) after this silence
 * @param artifactLimitBytes largest accepted artifact upload
 */
public record OrchestratorConfig(String dbUrl, String dbUser, String dbPassword, int dbPoolSize, String bootstrap, int port,
                                 Topics topics, Optional<String> apiToken, int maxRunsPerSweep, int maxAttempts,
                                 Duration runTimeout, Duration workerTimeout, Duration dispatchInterval, long artifactLimitBytes) {
    public static final long BODY_LIMIT_BYTES = 1024 * 1024;

    public static OrchestratorConfig defaults() {
        return new OrchestratorConfig("jdbc:postgresql://localhost:5432/atelier", "atelier", "atelier", 8, "localhost:9092", 8081,
                Topics.DEFAULT, Optional.empty(), 1000, 3, Duration.ofSeconds(60), Duration.ofSeconds(15),
                Duration.ofMillis(200), 512L * 1024 * 1024);
    }

    /** Applies ATELIER_API_TOKEN, ATELIER_MAX_RUNS_PER_SWEEP, ATELIER_RUN_TIMEOUT_S, ATELIER_TOPIC_PREFIX when set. */
    public OrchestratorConfig withEnvironment(Map<String, String> env) {
        OrchestratorConfig c = this;
        String token = env.get("ATELIER_API_TOKEN");
        if (token != null && !token.isBlank()) {
            c = c.withApiToken(token);
        }
        if (env.containsKey("ATELIER_MAX_RUNS_PER_SWEEP")) {
            c = new OrchestratorConfig(c.dbUrl, c.dbUser, c.dbPassword, c.dbPoolSize, c.bootstrap, c.port, c.topics, c.apiToken,
                    Integer.parseInt(env.get("ATELIER_MAX_RUNS_PER_SWEEP")), c.maxAttempts, c.runTimeout, c.workerTimeout,
                    c.dispatchInterval, c.artifactLimitBytes);
        }
        if (env.containsKey("ATELIER_RUN_TIMEOUT_S")) {
            c = c.withTimeouts(Duration.ofSeconds(Long.parseLong(env.get("ATELIER_RUN_TIMEOUT_S"))), c.workerTimeout);
        }
        if (env.containsKey("ATELIER_TOPIC_PREFIX")) {
            c = c.withTopics(new Topics(env.get("ATELIER_TOPIC_PREFIX")));
        }
        return c;
    }

    public OrchestratorConfig withDb(String url, String user, String password) {
        return new OrchestratorConfig(url, user, password, dbPoolSize, bootstrap, port, topics, apiToken, maxRunsPerSweep, maxAttempts,
                runTimeout, workerTimeout, dispatchInterval, artifactLimitBytes);
    }

    public OrchestratorConfig withKafka(String bootstrap, Topics topics) {
        return new OrchestratorConfig(dbUrl, dbUser, dbPassword, dbPoolSize, bootstrap, port, topics, apiToken, maxRunsPerSweep, maxAttempts,
                runTimeout, workerTimeout, dispatchInterval, artifactLimitBytes);
    }

    public OrchestratorConfig withTopics(Topics topics) {
        return withKafka(bootstrap, topics);
    }

    public OrchestratorConfig withPort(int port) {
        return new OrchestratorConfig(dbUrl, dbUser, dbPassword, dbPoolSize, bootstrap, port, topics, apiToken, maxRunsPerSweep, maxAttempts,
                runTimeout, workerTimeout, dispatchInterval, artifactLimitBytes);
    }

    public OrchestratorConfig withApiToken(String token) {
        return new OrchestratorConfig(dbUrl, dbUser, dbPassword, dbPoolSize, bootstrap, port, topics, Optional.ofNullable(token),
                maxRunsPerSweep, maxAttempts, runTimeout, workerTimeout, dispatchInterval, artifactLimitBytes);
    }

    public OrchestratorConfig withTimeouts(Duration runTimeout, Duration workerTimeout) {
        return new OrchestratorConfig(dbUrl, dbUser, dbPassword, dbPoolSize, bootstrap, port, topics, apiToken, maxRunsPerSweep, maxAttempts,
                runTimeout, workerTimeout, dispatchInterval, artifactLimitBytes);
    }

    /** One line for the start-up log, without the password or the token. */
    public String describe() {
        return "db=" + dbUrl + " user=" + dbUser + " bootstrap=" + bootstrap + " port=" + port + " topics=" + topics.prefix()
                + ".* auth=" + (apiToken.isPresent() ? "bearer token" : "off") + " max_runs_per_sweep=" + maxRunsPerSweep
                + " max_attempts=" + maxAttempts + " run_timeout=" + runTimeout.toSeconds() + "s";
    }
}
