package dev.atelier.worker.testing;

import dev.atelier.embedded.EmbeddedKafka;
import dev.atelier.schemas.messages.CancelRequested;
import dev.atelier.schemas.messages.MessageCodec;
import dev.atelier.schemas.messages.RunRequested;
import dev.atelier.schemas.messages.Topics;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** One embedded broker for a test class, topics under a fresh prefix per test, and a producer playing the orchestrator. */
public final class TestBroker implements AutoCloseable {
    public static final int RUN_PARTITIONS = 6;

    private final EmbeddedKafka kafka = EmbeddedKafka.start();
    private final KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
            new StringSerializer(), new ByteArraySerializer());

    public String bootstrap() {
        return kafka.bootstrapServers();
    }

    /** Creates every topic under a new unique prefix. */
    public Topics newTopics() {
        Topics topics = new Topics("t" + UUID.randomUUID().toString().substring(0, 8));
        Map<String, Integer> partitions = new LinkedHashMap<>();
        topics.all().forEach(t -> partitions.put(t, 1));
        partitions.put(topics.runs(), RUN_PARTITIONS);
        partitions.put(topics.events(), 3);
        kafka.createTopics(partitions);
        return topics;
    }

    public void requestRun(Topics topics, RunRequested run) {
        send(topics.runs(), run.runId(), MessageCodec.encode("test-orchestrator", run).getBytes(StandardCharsets.UTF_8));
    }

    public void requestRun(Topics topics, RunRequested run, int partition) {
        try {
            producer.send(new ProducerRecord<>(topics.runs(), partition, run.runId(),
                    MessageCodec.encode("test-orchestrator", run).getBytes(StandardCharsets.UTF_8))).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public void cancel(Topics topics, String runId) {
        send(topics.control(), runId, MessageCodec.encode("test-orchestrator", new CancelRequested(runId, "user asked")).getBytes(StandardCharsets.UTF_8));
    }

    public void send(String topic, String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public void send(String topic, int partition, String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topic, partition, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static RunRequested run(String runId, Map<String, Object> config) {
        return new RunRequested(runId, "sweep-1", 1, new JsonObject(config), null);
    }

    @Override
    public void close() {
        producer.close();
        kafka.close();
    }
}
