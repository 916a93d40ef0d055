package dev.atelier.worker.messaging;

import dev.atelier.schemas.messages.CancelRequested;
import dev.atelier.schemas.messages.Envelope;
import dev.atelier.schemas.messages.InvalidMessageException;
import dev.atelier.schemas.messages.MessageCodec;
import io.vertx.core.Future;
import io.vertx.kafka.client.common.PartitionInfo;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every partition of the control topic (no consumer group: each worker sees every CancelRequested) from
 * the moment it starts, and hands cancellations to the worker. Event-loop confined.
 */
public final class ControlConsumer {
    private static final Logger LOG = LoggerFactory.getLogger(ControlConsumer.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private final Consumer<CancelRequested> onCancel;

    public ControlConsumer(KafkaConsumer<String, byte[]> consumer, String topic, Consumer<CancelRequested> onCancel) {
        this.consumer = consumer;
        this.topic = topic;
        this.onCancel = onCancel;
    }

    /** Completes once the worker is positioned at the end of every partition, so no later cancellation is missed. */
    public Future<Void> start() {
        consumer.handler(this::handle);
        consumer.exceptionHandler(err -> LOG.warn("control topic {}: {}", topic, err.getMessage()));
        return consumer.partitionsFor(topic).compose(infos -> {
            if (infos.isEmpty()) {
                return Future.failedFuture(new IllegalStateException("control topic " + topic + " does not exist; create it or start the orchestrator first"));
            }
            Set<TopicPartition> all = infos.stream().map(PartitionInfo::getPartition)
                    .map(p -> new TopicPartition(topic, p)).collect(Collectors.toSet());
            return consumer.assign(all)
                    .compose(v -> consumer.seekToEnd(all))
                    .compose(v -> Future.all(all.stream().map(consumer::position).collect(Collectors.toList())))
                    .<Void>mapEmpty()
                    .onSuccess(v -> LOG.info("listening for cancellations on {} partitions {}", topic,
                            all.stream().map(TopicPartition::getPartition).sorted().collect(Collectors.toList())));
        });
    }

    private void handle(KafkaConsumerRecord<String, byte[]> record) {
        try {
            Envelope envelope = MessageCodec.decode(record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8));
            if (envelope.payload() instanceof CancelRequested cancel) {
                onCancel.accept(cancel);
            } else {
                LOG.warn("ignoring {} on control topic {} (only CancelRequested is expected)", envelope.type(), topic);
            }
        } catch (InvalidMessageException e) {
            LOG.warn("ignoring unreadable control record {}/{}/{}: {}", topic, record.partition(), record.offset(), e.getMessage());
        }
    }

    public Future<Void> close() {
        return consumer.close();
    }
}
