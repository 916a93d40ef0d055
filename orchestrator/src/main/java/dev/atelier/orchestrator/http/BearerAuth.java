package dev.atelier.orchestrator.http;


import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/** Checked before any body is read: guards mutating endpoints with {@code Authorization: Bearer <ATELIER_API_TOKEN>} when a token is configured. */
final class BearerAuth implements io.vertx.ext.web.handler.SecurityPolicyHandler {
    private final Optional<byte[]> token;

    BearerAuth(Optional<String> token) {
        this.token = token.map(t -> t.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (token.isEmpty()) {
            ctx.next();
            return;
        }
        String header = ctx.request().getHeader("Authorization");
        if (header == null || !header.startsWith("Bearer ")) {
            ctx.fail(new ApiError(401, "UNAUTHORIZED", "this endpoint needs 'Authorization: Bearer <token>' (the server's ATELIER_API_TOKEN)"));
        } else if (!MessageDigest.isEqual(token.get(), header.substring(7).trim().getBytes(StandardCharsets.UTF_8))) {
            ctx.fail(new ApiError(401, "UNAUTHORIZED", "the bearer token is wrong"));
        } else {
            ctx.next();
        }
    }
}
