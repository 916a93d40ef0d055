package dev.atelier.orchestrator.ingestion;

import dev.atelier.orchestrator.config.OrchestratorConfig;
import dev.atelier.orchestrator.dispatch.Dispatcher;
import dev.atelier.orchestrator.metrics.OrchestratorMetrics;
import dev.atelier.orchestrator.persistence.Db;
import dev.atelier.schemas.messages.Envelope;
import dev.atelier.schemas.messages.InvalidMessageException;
import dev.atelier.schemas.messages.MessageCodec;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes worker events and applies each poll as one PostgreSQL transaction; the Kafka offsets are committed
 * after the database commit. Records that fail their schema go to the dead-letter topic with the reason.
 */
public final class EventIngestor extends VerticleBase {
    public static final String GROUP = "atelier-orchestrator";
    private static final Logger LOG = LoggerFactory.getLogger(EventIngestor.class);
    private final Db db;
    private final OrchestratorConfig config;
    private final Producer<String, String> producer;
    private final OrchestratorMetrics metrics;
    private KafkaPollLoop loop;

    public EventIngestor(Db db, OrchestratorConfig config, Producer<String, String> producer, OrchestratorMetrics metrics) {
        this.db = db;
        this.config = config;
        this.producer = producer;
        this.metrics = metrics;
    }

    @Override
    public Future<?> start() {
        loop = new KafkaPollLoop("atelier-event-ingestor", config.bootstrap(), GROUP, "earliest",
                List.of(config.topics().events()), this::handle, metrics::consumerLag);
        loop.start();
        return Future.succeededFuture();
    }

    private void handle(ConsumerRecords<String, String> records) throws Exception {
        List<ConsumerRecord<String, String>> polled = new ArrayList<>(records.count());
        records.forEach(polled::add);
        // schema validation is the costly part of a batch: decode in parallel, apply in order
        long t0 = System.nanoTime();
        List<Object> decoded = polled.parallelStream().map(EventIngestor::decode).toList();
        long t1 = System.nanoTime();
        List<Envelope> events = new ArrayList<>(polled.size());
        for (int i = 0; i < polled.size(); i++) {
            if (decoded.get(i) instanceof Envelope e) {
                events.add(e);
            } else {
                deadLetter(polled.get(i), ((InvalidMessageException) decoded.get(i)).getMessage());
            }
        }
        if (!events.isEmpty()) {
            int applied = db.txNow(c -> EventApplier.apply(c, events));
            metrics.ingested(applied);
            // a finished run frees a slot: look for the next run now rather than at the next heartbeat
            vertx.eventBus().send(Dispatcher.WAKE, null);
            LOG.debug("batch of {}: decode {} ms, transaction {} ms", events.size(), (t1 - t0) / 1_000_000, (System.nanoTime() - t1) / 1_000_000);
            if (applied < events.size()) {
                LOG.info("skipped {} already-processed events", events.size() - applied);
            }
        }
    }

    private static Object decode(ConsumerRecord<String, String> record) {
        try {
            return MessageCodec.decode(record.value());
        } catch (InvalidMessageException e) {
            return e;
        }
    }

    private void deadLetter(ConsumerRecord<String, String> record, String reason) {
        LOG.warn("dead-lettering record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), reason);
        ProducerRecord<String, String> dl = new ProducerRecord<>(config.topics().deadLetter(), record.key(), record.value());
        dl.headers().add("reason", reason.getBytes(StandardCharsets.UTF_8));
        dl.headers().add("source", (record.topic() + "-" + record.partition() + "@" + record.offset()).getBytes(StandardCharsets.UTF_8));
        producer.send(dl);
    }

    @Override
    public Future<?> stop() {
        return vertx.executeBlocking(() -> {
            loop.close();
            return null;
        });
    }
}
