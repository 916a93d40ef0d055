package dev.atelier.orchestrator.support;

import dev.atelier.schemas.messages.CancelRequested;
import dev.atelier.schemas.messages.Envelope;
import dev.atelier.schemas.messages.EpochCompleted;
import dev.atelier.schemas.messages.Message;
import dev.atelier.schemas.messages.MessageCodec;
import dev.atelier.schemas.messages.RunCancelled;
import dev.atelier.schemas.messages.RunCompleted;
import dev.atelier.schemas.messages.RunRequested;
import dev.atelier.schemas.messages.RunStarted;
import dev.atelier.schemas.messages.Topics;
import dev.atelier.schemas.messages.WorkerHeartbeat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A stand-in worker speaking the Kafka contracts (for orchestration tests only): owns fixed runs-topic partitions,
 * heart-beats its free slots, records every RunRequested and CancelRequested, and sends run events when told.
 */
public final class FakeWorker implements AutoCloseable {
    private final String id;
    private final int slots;
    private final List<Integer> partitions;
    private final Topics topics;
    private final KafkaProducer<String, String> producer;
    private final List<RunRequested> received = new CopyOnWriteArrayList<>();
    private final List<Integer> receivedPartitions = new CopyOnWriteArrayList<>();
    private final List<CancelRequested> cancels = new CopyOnWriteArrayList<>();
    private final Map<String, RunRequested> current = new ConcurrentHashMap<>();
    private final Thread consumerThread;
    private final Thread heartbeatThread;
    private volatile boolean running = true;
    private volatile boolean silent;

    public FakeWorker(String bootstrap, Topics topics, String id, int slots, int fromPartition, int toPartition) {
        this.id = id;
        this.slots = slots;
        this.topics = topics;
        this.partitions = IntStream.range(fromPartition, toPartition).boxed().toList();
        Properties pp = new Properties();
        pp.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        pp.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        pp.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producer = new KafkaProducer<>(pp);
        Properties cp = new Properties();
        cp.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        cp.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        cp.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        cp.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        cp.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(cp);
        List<TopicPartition> assigned = new ArrayList<>(partitions.stream().map(p -> new TopicPartition(topics.runs(), p)).toList());
        assigned.add(new TopicPartition(topics.control(), 0));
        consumer.assign(assigned);
        consumerThread = new Thread(() -> consume(consumer), "fake-worker-" + id);
        heartbeatThread = new Thread(this::beat, "fake-worker-hb-" + id);
        consumerThread.start();
        heartbeatThread.start();
    }

    private void consume(KafkaConsumer<String, String> consumer) {
        try (consumer) {
            while (running) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                    if (silent) {
                        continue;
                    }
                    Envelope e = MessageCodec.decode(r.value());
                    if (e.payload() instanceof RunRequested rr) {
                        received.add(rr);
                        receivedPartitions.add(r.partition());
                        current.put(rr.runId(), rr);
                    } else if (e.payload() instanceof CancelRequested cr) {
                        cancels.add(cr);
                    }
                }
            }
        }
    }

    private void beat() {
        while (running) {
            if (!silent) {
                List<WorkerHeartbeat.RunProgress> progress = current.values().stream()
                        .map(r -> new WorkerHeartbeat.RunProgress(r.runId(), r.attempt(), 0)).toList();
                send(new WorkerHeartbeat(id, "test-host", "cpu", slots, progress.size(), progress.isEmpty() ? "idle" : "busy",
                        progress, partitions, 0), topics.heartbeats());
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Sends a message as this worker; returns the encoded record value (so tests can send it again). */
    public String send(Message m) {
        return send(m, topics.events());
    }

    private String send(Message m, String topic) {
        String value = MessageCodec.encode("worker-" + id, m);
        sendRaw(m.key(), value, topic);
        return value;
    }

    public void sendRaw(String key, String value, String topic) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public void start(RunRequested r) {
        send(new RunStarted(r.runId(), r.attempt(), id, "test-host", "cpu", 1));
    }

    public void epoch(RunRequested r, int epoch) {
        send(new EpochCompleted(r.runId(), r.attempt(), epoch, 1.0 / epoch, 0.5 + epoch / 100.0, 1.1 / epoch, 0.5 + epoch / 50.0, 0.001, 1.5, 30000));
    }

    /** Starts, reports {@code epochs} epochs and completes the run, freeing the slot. */
    public void finish(RunRequested r, int epochs) {
        start(r);
        for (int e = 1; e <= epochs; e++) {
            epoch(r, e);
        }
        complete(r, epochs);
    }

    public void complete(RunRequested r, int epochs) {
        List<List<Integer>> confusion = IntStream.range(0, 10).mapToObj(i -> IntStream.range(0, 10).map(j -> i == j ? 90 : 1).boxed().toList()).toList();
        send(new RunCompleted(r.runId(), r.attempt(), 0.4, 0.85, Collections.nCopies(10, 0.85), confusion, epochs, 0.5 + epochs / 50.0,
                Map.of("model.params", "/api/v1/runs/" + r.runId() + "/artifacts/model.params"), 3.0, null));
        current.remove(r.runId());
    }

    public void cancelled(RunRequested r, int epoch) {
        send(new RunCancelled(r.runId(), r.attempt(), epoch));
        current.remove(r.runId());
    }

    /** Stops heart-beating and ignores new records, like a worker that was killed. */
    public void goSilent() {
        silent = true;
    }

    public List<RunRequested> received() {
        return List.copyOf(received);
    }

    public List<Integer> receivedPartitions() {
        return List.copyOf(receivedPartitions);
    }

    public List<Integer> partitions() {
        return partitions;
    }

    public List<CancelRequested> cancels() {
        return List.copyOf(cancels);
    }

    @Override
    public void close() {
        running = false;
        heartbeatThread.interrupt();
        try {
            consumerThread.join(3000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close();
    }
}
