package dev.atelier.dashboard;

import java.net.URI;
import java.util.Objects;

/**
 * Typed dashboard settings.
 *
 * @param jdbcUrl PostgreSQL URL of the orchestrator's store (read only)
 * @param dbUser database user, or null when the URL carries it
 * @param dbPassword database password, or null
 * @param orchestratorUrl base URL of the orchestrator's REST API; every mutating call goes there
 * @param host interface to bind
 * @param port HTTP port (0 = any free port)
 */
public record DashboardConfig(String jdbcUrl, String dbUser, String dbPassword, URI orchestratorUrl, String host, int port) {

    public DashboardConfig {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(orchestratorUrl, "orchestratorUrl");
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("--db must be a PostgreSQL JDBC URL (jdbc:postgresql://HOST:PORT/DB), got '" + jdbcUrl + "'");
        }
        String scheme = orchestratorUrl.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException("--orchestrator must be an http(s) URL such as http://localhost:8081, got '" + orchestratorUrl + "'");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be in [0, 65535], got " + port);
        }
    }

    /** For start-up logs: no password, and the JDBC URL without its query string (which may hold one). */
    public String describe() {
        int q = jdbcUrl.indexOf('?');
        return "db=" + (q < 0 ? jdbcUrl : jdbcUrl.substring(0, q)) + " orchestrator=" + orchestratorUrl + " listen=" + host + ":" + port;
    }
}
