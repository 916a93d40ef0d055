package dev.atelier.worker.messaging;

import dev.atelier.schemas.messages.Message;
import dev.atelier.schemas.messages.MessageCodec;
import dev.atelier.schemas.messages.Topics;
import dev.atelier.schemas.messages.WorkerHeartbeat;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import io.vertx.kafka.client.producer.RecordMetadata;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Everything the worker writes to Kafka: run events (keyed by runId), heartbeats (keyed by workerId) and
 * dead letters. Each future completes when the broker has acknowledged the record (acks=all).
 */
public final class EventPublisher {
    /** Header on a dead letter: why it was rejected. */
    public static final String REASON_HEADER = "atelier-dlq-reason";
    /** Header on a dead letter: topic/partition/offset it came from. */
    public static final String SOURCE_HEADER = "atelier-dlq-source";

    private final KafkaProducer<String, byte[]> producer;
    private final Topics topics;
    private final String producerName;

    public EventPublisher(KafkaProducer<String, byte[]> producer, Topics topics, String producerName) {
        this.producer = producer;
        this.topics = topics;
        this.producerName = producerName;
    }

    /** RunStarted, EpochCompleted and the terminal events. */
    public Future<RecordMetadata> runEvent(Message event) {
        return send(topics.events(), event);
    }

    public Future<RecordMetadata> heartbeat(WorkerHeartbeat heartbeat) {
        return send(topics.heartbeats(), heartbeat);
    }

    /**
     * Sends a run event from a training thread straight to the Kafka client (no hop through the event loop or a
     * worker pool: this is the epoch end -> acknowledged latency path). {@code onAck} runs on the Kafka I/O thread as
     * soon as the broker acknowledges; the returned future completes on {@code context}. May block briefly if the
     * client has no metadata for the topic yet, so never call it on an event loop.
     */
    public Future<Void> runEventFromTrainingThread(Message event, Context context, Runnable onAck) {
        Promise<Void> promise = Promise.promise();
        byte[] value;
        try {
            value = MessageCodec.encode(producerName, event).getBytes(StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            context.runOnContext(v -> promise.fail(e));
            return promise.future();
        }
        producer.unwrap().send(new ProducerRecord<>(topics.events(), event.key(), value), (metadata, error) -> {
            if (error == null) {
                onAck.run();
                context.runOnContext(v -> promise.complete());
            } else {
                context.runOnContext(v -> promise.fail(error));
            }
        });
        return promise.future();
    }

    /** Copies a rejected record to the dead-letter topic, value unchanged, with the reason as a header. */
    public Future<RecordMetadata> deadLetter(KafkaConsumerRecord<String, byte[]> rejected, String reason) {
        KafkaProducerRecord<String, byte[]> record = KafkaProducerRecord.create(topics.deadLetter(), rejected.key(), rejected.value());
        record.addHeader(REASON_HEADER, reason);
        record.addHeader(SOURCE_HEADER, rejected.topic() + "/" + rejected.partition() + "/" + rejected.offset());
        return producer.send(record);
    }

    private Future<RecordMetadata> send(String topic, Message message) {
        byte[] value;
        try {
            value = MessageCodec.encode(producerName, message).getBytes(StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        return producer.send(KafkaProducerRecord.create(topic, message.key(), value));
    }

    public Future<Void> close() {
        return producer.close();
    }
}
