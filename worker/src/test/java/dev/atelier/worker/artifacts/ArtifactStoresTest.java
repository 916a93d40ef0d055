package dev.atelier.worker.artifacts;

import static dev.atelier.worker.testing.Workers.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactStoresTest {
    private final Vertx vertx = Vertx.vertx();

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        await(vertx.close());
    }

    @Test
    void localDirectoryStoresReplacesAndReadsBack() throws Exception {
        ArtifactStore store = new LocalDirectoryArtifactStore(vertx, dir);
        assertThat(await(store.get("run-1", "checkpoint"))).isEmpty();
        await(store.put("run-1", "checkpoint", Buffer.buffer("epoch1")));
        await(store.put("run-1", "checkpoint", Buffer.buffer("epoch2")));
        assertThat(await(store.get("run-1", "checkpoint")).map(Buffer::toString)).hasValue("epoch2");
        try (var files = Files.list(dir.resolve("run-1"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("checkpoint");
        }
        assertThat(store.reference("run-1", "checkpoint")).startsWith("file:").endsWith("/run-1/checkpoint");
    }

    @Test
    void namesThatCouldEscapeTheDirectoryAreRefused() {
        ArtifactStore store = new LocalDirectoryArtifactStore(vertx, dir);
        assertThatThrownBy(() -> store.put("../etc", "passwd", Buffer.buffer("x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("runId '../etc' is not allowed");
    }

    @Test
    void httpStoreTalksToTheOrchestratorApiWithTheBearerToken() {
        Map<String, Buffer> stored = new ConcurrentHashMap<>();
        List<String> auth = new CopyOnWriteArrayList<>();
        HttpServer server = await(vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
            auth.add(String.valueOf(req.getHeader("Authorization")));
            if (req.path().contains("broken")) {
                req.response().setStatusCode(500).end("{\"code\":\"internal\",\"message\":\"disk full\"}");
            } else if (req.method().name().equals("PUT")) {
                stored.put(req.path(), body);
                req.response().setStatusCode(201).end("{}");
            } else if (stored.containsKey(req.path())) {
                req.response().end(stored.get(req.path()));
            } else {
                req.response().setStatusCode(404).end();
            }
        })).listen(0));
        ArtifactStore store = new HttpArtifactStore(WebClient.create(vertx), "http://localhost:" + server.actualPort() + "/", "s3cret");

        await(store.put("run-9", "checkpoint", Buffer.buffer(new byte[]{1, 2, 3})));
        assertThat(stored).containsKey("/api/v1/runs/run-9/artifacts/checkpoint");
        assertThat(await(store.get("run-9", "checkpoint")).map(Buffer::getBytes)).hasValueSatisfying(b -> assertThat(b).containsExactly(1, 2, 3));
        assertThat(await(store.get("run-9", "model.params"))).isEqualTo(Optional.empty());
        assertThat(auth).allMatch("Bearer s3cret"::equals);
        assertThatThrownBy(() -> await(store.put("broken", "checkpoint", Buffer.buffer("x"))))
                .hasMessageContaining("answered 500").hasMessageContaining("disk full");
    }
}
