package dev.atelier.orchestrator.ingestion;

import dev.atelier.orchestrator.config.OrchestratorConfig;
import dev.atelier.orchestrator.dispatch.Dispatcher;
import dev.atelier.orchestrator.persistence.Db;
import dev.atelier.schemas.messages.Envelope;
import dev.atelier.schemas.messages.InvalidMessageException;
import dev.atelier.schemas.messages.MessageCodec;
import dev.atelier.schemas.messages.WorkerHeartbeat;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Keeps the workers table current from heartbeats and wakes the dispatcher, since a heartbeat may bring free slots. */
public final class HeartbeatIngestor extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(HeartbeatIngestor.class);
    private static final String UPSERT = """
            INSERT INTO workers (id, host, device, slots, busy_slots, state, current, partitions, images_per_second, last_seen)
            VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, now())
            ON CONFLICT (id) DO UPDATE SET host = EXCLUDED.host, device = EXCLUDED.device, slots = EXCLUDED.slots,
              busy_slots = EXCLUDED.busy_slots, state = EXCLUDED.state, current = EXCLUDED.current, partitions = EXCLUDED.partitions,
              images_per_second = EXCLUDED.images_per_second, last_seen = now()""";
    private final Db db;
    private final OrchestratorConfig config;
    private KafkaPollLoop loop;

    public HeartbeatIngestor(Db db, OrchestratorConfig config) {
        this.db = db;
        this.config = config;
    }

    @Override
    public Future<?> start() {
        loop = new KafkaPollLoop("atelier-heartbeats", config.bootstrap(), EventIngestor.GROUP + "-heartbeats", "latest",
                List.of(config.topics().heartbeats()), this::handle, lag -> { });
        loop.start();
        return Future.succeededFuture();
    }

    private void handle(ConsumerRecords<String, String> records) throws Exception {
        Map<String, WorkerHeartbeat> latest = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            try {
                Envelope envelope = MessageCodec.decode(record.value());
                // after a restart, old heartbeats must not make a dead worker look alive
                if (envelope.occurredAt().isAfter(Instant.now().minus(config.workerTimeout()))) {
                    WorkerHeartbeat hb = envelope.payload(WorkerHeartbeat.class);
                    latest.put(hb.workerId(), hb);
                }
            } catch (InvalidMessageException | ClassCastException e) {
                LOG.warn("ignoring bad heartbeat record at offset {}: {}", record.offset(), e.getMessage());
            }
        }
        if (latest.isEmpty()) {
            return;
        }
        db.txNow(c -> {
            try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
                for (WorkerHeartbeat hb : latest.values()) {
                    JsonArray current = new JsonArray();
                    hb.current().forEach(p -> current.add(new JsonObject().put("runId", p.runId()).put("attempt", p.attempt()).put("epoch", p.epoch())));
                    int i = 1;
                    ps.setString(i++, hb.workerId());
                    ps.setString(i++, hb.host());
                    ps.setString(i++, hb.device());
                    ps.setInt(i++, hb.slots());
                    ps.setInt(i++, hb.busySlots());
                    ps.setString(i++, hb.state());
                    ps.setString(i++, current.encode());
                    ps.setString(i++, new JsonArray(hb.partitions()).encode());
                    ps.setDouble(i, hb.imagesPerSecond());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
        vertx.eventBus().send(Dispatcher.WAKE, null);
    }

    @Override
    public Future<?> stop() {
        return vertx.executeBlocking(() -> {
            loop.close();
            return null;
        });
    }
}
