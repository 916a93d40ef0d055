package dev.atelier.dashboard.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Strict headers on every response. Scripts only from this origin (ES modules and the echarts WebJar), no inline
 * script or handler, no plugins, no framing; the UI writes user strings with textContent only.
 */
final class SecurityHeaders implements Handler<RoutingContext> {
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
            + "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'";

    @Override
    public void handle(RoutingContext ctx) {
        ctx.response().headers()
                .set("Content-Security-Policy", CSP)
                .set("X-Content-Type-Options", "nosniff")
                .set("Referrer-Policy", "no-referrer")
                .set("X-Frame-Options", "DENY")
                .set("Cross-Origin-Opener-Policy", "same-origin");
        ctx.next();
    }
}
