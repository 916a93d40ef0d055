package dev.atelier.worker.testing;

import dev.atelier.schemas.messages.Envelope;
import dev.atelier.schemas.messages.MessageCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a topic from the beginning on a background thread and keeps every record, for assertions. */
public final class EventLog implements AutoCloseable {
    private final List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    private final Thread thread;
    private volatile boolean closed;

    public EventLog(String bootstrap, String topic) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> tps = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).collect(Collectors.toList());
        consumer.assign(tps);
        consumer.seekToBeginning(tps);
        thread = new Thread(() -> {
            try (consumer) {
                while (!closed) {
                    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                        synchronized (records) {
                            records.add(r);
                            records.notifyAll();
                        }
                    }
                }
            }
        }, "event-log-" + topic);
        thread.setDaemon(true);
        thread.start();
    }

    public List<ConsumerRecord<String, byte[]>> records() {
        synchronized (records) {
            return new ArrayList<>(records);
        }
    }

    /** Decoded envelopes (each validated against its schema), in arrival order. */
    public List<Envelope> envelopes() {
        return records().stream().map(r -> MessageCodec.decode(new String(r.value(), StandardCharsets.UTF_8))).collect(Collectors.toList());
    }

    /** Envelopes of one run (record key), in the order the broker stored them. */
    public List<Envelope> run(String runId) {
        return records().stream().filter(r -> runId.equals(r.key()))
                .map(r -> MessageCodec.decode(new String(r.value(), StandardCharsets.UTF_8))).collect(Collectors.toList());
    }

    /** Waits until {@code condition} holds for the envelopes; fails with what was seen otherwise. */
    public List<Envelope> await(Predicate<List<Envelope>> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<Envelope> seen = envelopes();
            if (condition.test(seen)) {
                return seen;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout + "; seen: "
                        + seen.stream().map(e -> e.type() + " " + e.payload()).collect(Collectors.joining("\n  ", "\n  ", "")));
            }
            synchronized (records) {
                try {
                    records.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted");
                }
            }
        }
    }

    /** Waits for raw records (e.g. dead letters). */
    public List<ConsumerRecord<String, byte[]>> awaitRecords(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (records().size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + count + " records within " + timeout + ", got " + records().size());
            }
            synchronized (records) {
                try {
                    records.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted");
                }
            }
        }
        return records();
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        thread.join(5000);
    }
}
