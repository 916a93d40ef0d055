package dev.atelier.cli;

import picocli.CommandLine.Option;

/** Where the orchestrator's API is and how to authenticate, for the commands that call it. */
final class ApiOptions {
    @Option(names = "--api", description = "orchestrator URL (default: ${DEFAULT-VALUE})", defaultValue = "${env:ATELIER_API:-http://localhost:8081}")
    String api;

    @Option(names = "--token", description = "bearer token (default: $ATELIER_API_TOKEN)")
    String token;

    ApiClient client() {
        return new ApiClient(api, ApiClient.token(token));
    }
}
