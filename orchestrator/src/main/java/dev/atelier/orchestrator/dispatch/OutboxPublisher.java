package dev.atelier.orchestrator.dispatch;

import dev.atelier.orchestrator.metrics.OrchestratorMetrics;
import dev.atelier.orchestrator.persistence.Db;
import dev.atelier.orchestrator.persistence.OutboxStore;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends pending outbox rows to Kafka in id order and marks them sent only after Kafka acknowledged them. A crash
 * before the mark means the rows are sent again on restart; consumers dedupe by runId and attempt.
 */
public final class OutboxPublisher extends VerticleBase {
    public static final String WAKE = "atelier.outbox.wake";
    private static final Logger LOG = LoggerFactory.getLogger(OutboxPublisher.class);
    private static final int BATCH = 500;
    private final Db db;
    private final Producer<String, String> producer;
    private final OrchestratorMetrics metrics;
    private final SerialCycle cycle = new SerialCycle(this::publish);

    public OutboxPublisher(Db db, Producer<String, String> producer, OrchestratorMetrics metrics) {
        this.db = db;
        this.producer = producer;
        this.metrics = metrics;
    }

    @Override
    public Future<?> start() {
        vertx.setPeriodic(250, id -> cycle.trigger());
        cycle.trigger();
        return vertx.eventBus().consumer(WAKE, msg -> cycle.trigger()).completion();
    }

    @Override
    public Future<?> stop() {
        return cycle.stop();
    }

    /** One batch of pending rows; true when the batch was full, so more may be waiting. */
    private Future<Boolean> publish() {
        return db.tx(c -> OutboxStore.pending(c, BATCH))
                .compose(rows -> rows.isEmpty() ? Future.succeededFuture(0) : db.tx(c -> {
                    OutboxStore.markSent(c, send(rows));
                    return rows.size();
                }))
                .onFailure(e -> LOG.warn("outbox publish failed, rows stay pending: {}", e.toString()))
                .map(n -> n == BATCH);
    }

    /** Sends and waits for every acknowledgement (on a JDBC pool thread, never the event loop). */
    private List<Long> send(List<OutboxStore.Pending> rows) throws Exception {
        List<java.util.concurrent.Future<RecordMetadata>> acks = new ArrayList<>();
        for (OutboxStore.Pending row : rows) {
            acks.add(producer.send(new ProducerRecord<>(row.topic(), row.partition(), row.key(), row.payload())));
        }
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            acks.get(i).get(30, TimeUnit.SECONDS);
            ids.add(rows.get(i).id());
            metrics.published(rows.get(i).ageMillis());
        }
        return ids;
    }
}
