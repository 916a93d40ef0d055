package dev.atelier.orchestrator.ingestion;

import java.time.Duration;
import java.util.Collection;

import java.util.Properties;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka consumer on its own thread: poll, hand the whole batch to the handler (which commits its database
 * transaction), then commit the offsets. When the handler fails the batch is polled again after a pause, so
 * nothing is skipped; the handler must therefore be idempotent.
 */
final class KafkaPollLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaPollLoop.class);

    /** Applies one polled batch; must be done with it (committed) when it returns. */
    @FunctionalInterface
    interface BatchHandler {
        void handle(ConsumerRecords<String, String> records) throws Exception;
    }

    private final KafkaConsumer<String, String> consumer;
    private final Thread thread;
    private volatile boolean running = true;

    KafkaPollLoop(String name, String bootstrap, String groupId, String offsetReset, Collection<String> topics,
                  BatchHandler handler, LongConsumer lag) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        // offsets are committed by hand, after the database transaction
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, offsetReset);
        // large polls make large batch inserts
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        // under load, wait up to 50 ms for 64 KiB rather than commit a transaction per handful of records
        props.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 64 * 1024);
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        this.consumer = new KafkaConsumer<>(props);
        this.thread = new Thread(() -> loop(topics, handler, lag), name);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void loop(Collection<String> topics, BatchHandler handler, LongConsumer lag) {
        consumer.subscribe(topics, new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                LOG.info("{}: partitions revoked {}", thread.getName(), partitions);
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                LOG.info("{}: partitions assigned {}", thread.getName(), partitions);
            }
        });
        try {
            while (running) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(200));
                if (!records.isEmpty() && apply(records, handler)) {
                    consumer.commitSync();
                }
                lag.accept(consumer.assignment().stream().mapToLong(tp -> consumer.currentLag(tp).orElse(0)).sum());
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private boolean apply(ConsumerRecords<String, String> records, BatchHandler handler) {
        try {
            handler.handle(records);
            return true;
        } catch (Exception e) {
            LOG.warn("{}: batch of {} records failed, will re-read it: {}", thread.getName(), records.count(), e.toString());
            for (TopicPartition tp : records.partitions()) {
                consumer.seek(tp, records.records(tp).get(0).offset());
            }
            sleep();
            return false;
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
