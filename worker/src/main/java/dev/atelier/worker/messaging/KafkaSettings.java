package dev.atelier.worker.messaging;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Kafka client properties of the worker, each with the reason it is set. */
public final class KafkaSettings {
    private KafkaSettings() {
    }

    /** Consumer of the runs topic in the shared worker group. */
    public static Map<String, String> runsConsumer(String bootstrap, String groupId, String clientId, int sessionTimeoutMs,
                                                   int maxPollIntervalMs) {
        Map<String, String> c = common(bootstrap, clientId);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        // Offsets are committed by hand, only after the run's terminal event is acknowledged (at-least-once).
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // A run requested before the first worker joined must still be trained.
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // One run per poll: the worker takes exactly as many runs as it has free slots.
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1");
        // Incremental rebalances: a worker joining or dying moves only the partitions that must move, so runs in
        // progress on the other workers are not revoked.
        c.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        // A killed worker's runs move to another worker after this long (the broker must allow it: group.min.session.timeout.ms).
        c.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, String.valueOf(sessionTimeoutMs));
        c.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, String.valueOf(Math.max(500, sessionTimeoutMs / 4)));
        // The worker polls every few hundred ms even while all slots are busy (partitions paused), so this is never
        // reached by long runs; it only catches a stuck event loop.
        c.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, String.valueOf(maxPollIntervalMs));
        // A worker started before the orchestrator must not auto-create a one-partition runs topic, and must notice
        // the real one soon after it is created.
        c.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        c.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "10000");
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        // Raw bytes: a record that is not even UTF-8 JSON still reaches the dead-letter topic unchanged.
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return c;
    }

    /** Consumer of the control topic: no group, every worker reads every partition from the end. */
    public static Map<String, String> controlConsumer(String bootstrap, String clientId) {
        Map<String, String> c = common(bootstrap, clientId);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // Cancellations from before this worker started concern runs it is not training.
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return c;
    }

    /** Producer of run events, heartbeats and dead letters. */
    public static Map<String, String> producer(String bootstrap, String clientId) {
        Map<String, String> c = common(bootstrap, clientId);
        // An event counts as sent only when every in-sync replica has it; a terminal event acknowledged this way
        // is what allows the run's offset to be committed.
        c.put(ProducerConfig.ACKS_CONFIG, "all");
        // Retries never duplicate or reorder a run's events (all keyed by runId).
        c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        // Send at once: metrics are few and small, latency (epoch end -> ack) matters.
        c.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        c.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        c.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return c;
    }

    private static Map<String, String> common(String bootstrap, String clientId) {
        Map<String, String> c = new HashMap<>();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        return c;
    }
}
