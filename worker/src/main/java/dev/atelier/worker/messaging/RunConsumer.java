package dev.atelier.worker.messaging;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.consumer.OffsetAndMetadata;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes runs from the runs topic in the shared worker group, one record per free slot.
 *
 * <p>It polls continuously (so the group membership stays alive however long a run takes) and pauses all its
 * partitions while the slots are full. A record's offset is committed only when the handler's future says the
 * record is finished, never past an unfinished one ({@link OffsetTracker}). Event-loop confined.
 */
public final class RunConsumer {
    private static final Logger LOG = LoggerFactory.getLogger(RunConsumer.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(250);

    /** What became of a record. */
    public enum Outcome {
        /** Handled for good (terminal event acknowledged, or dead-lettered): commit it. */
        FINISHED,
        /** Given up on purpose (worker shutting down, partition moved): leave it for redelivery. */
        RELEASED
    }

    private final Vertx vertx;
    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private final BooleanSupplier hasFreeSlot;
    private final Function<KafkaConsumerRecord<String, byte[]>, Future<Outcome>> handler;
    private final OffsetTracker offsets = new OffsetTracker();
    private final Set<Integer> assigned = new TreeSet<>();
    private final List<Consumer<Set<Integer>>> revokeListeners = new CopyOnWriteArrayList<>();
    private volatile List<Integer> assignedSnapshot = List.of();
    private boolean paused;
    private boolean stopped;
    private Future<Void> loopDone = Future.succeededFuture();

    public RunConsumer(Vertx vertx, KafkaConsumer<String, byte[]> consumer, String topic, BooleanSupplier hasFreeSlot,
                       Function<KafkaConsumerRecord<String, byte[]>, Future<Outcome>> handler) {
        this.vertx = vertx;
        this.consumer = consumer;
        this.topic = topic;
        this.hasFreeSlot = hasFreeSlot;
        this.handler = handler;
    }

    /** Partitions of the runs topic this worker owns now (what the orchestrator dispatches by). */
    public List<Integer> partitions() {
        return assignedSnapshot;
    }

    /** Called with the partitions taken away from this worker by a rebalance. */
    public void onRevoked(Consumer<Set<Integer>> listener) {
        revokeListeners.add(listener);
    }

    public Future<Void> start() {
        consumer.partitionsAssignedHandler(tps -> {
            assigned.addAll(numbers(tps));
            assignedSnapshot = List.copyOf(assigned);
            LOG.info("runs partitions assigned {}; now own {}", numbers(tps), assigned);
        });
        consumer.partitionsRevokedHandler(tps -> {
            Set<Integer> revoked = numbers(tps);
            assigned.removeAll(revoked);
            assignedSnapshot = List.copyOf(assigned);
            revoked.forEach(offsets::forget);
            LOG.info("runs partitions revoked {}; now own {}", revoked, assigned);
            revokeListeners.forEach(l -> l.accept(revoked));
        });
        return consumer.subscribe(topic).onSuccess(v -> {
            Promise<Void> done = Promise.promise();
            loopDone = done.future();
            pollLoop(done);
        });
    }

    private void pollLoop(Promise<Void> done) {
        if (stopped) {
            done.complete();
            return;
        }
        adjustPause()
                .compose(v -> consumer.poll(POLL_TIMEOUT))
                .onSuccess(records -> {
                    for (int i = 0; i < records.size(); i++) {
                        accept(records.recordAt(i));
                    }
                })
                .onFailure(err -> LOG.warn("polling {} failed: {}", topic, err.getMessage()))
                .onComplete(ar -> vertx.runOnContext(v -> pollLoop(done)));
    }

    /** Pause every owned partition while the slots are full (new ones included), resume when a slot frees up. */
    private Future<Void> adjustPause() {
        Set<TopicPartition> owned = partitionsOf(assigned);
        if (!hasFreeSlot.getAsBoolean()) {
            paused = true;
            return owned.isEmpty() ? Future.succeededFuture() : consumer.pause(owned);
        }
        if (paused) {
            paused = false;
            return owned.isEmpty() ? Future.succeededFuture() : consumer.resume(owned);
        }
        return Future.succeededFuture();
    }

    private void accept(KafkaConsumerRecord<String, byte[]> record) {
        if (stopped || !hasFreeSlot.getAsBoolean()) {
            // Fetched just before the pause took effect: read it again once a slot is free.
            consumer.seek(new TopicPartition(record.topic(), record.partition()), record.offset());
            return;
        }
        int partition = record.partition();
        long offset = record.offset();
        offsets.begin(partition, offset);
        Future<Outcome> outcome;
        try {
            outcome = handler.apply(record);
        } catch (RuntimeException e) {
            outcome = Future.failedFuture(e);
        }
        outcome.onComplete(ar -> {
            if (ar.succeeded() && ar.result() == Outcome.FINISHED) {
                offsets.finish(partition, offset).ifPresent(next -> commit(partition, next));
            } else {
                if (ar.failed()) {
                    LOG.error("record {}/{}/{} not finished, leaving it for redelivery: {}", topic, partition, offset, ar.cause().toString());
                }
                offsets.abandon(partition, offset);
            }
        });
    }

    private void commit(int partition, long next) {
        if (!assigned.contains(partition)) {
            LOG.info("not committing {}/{} at {}: partition moved to another worker", topic, partition, next);
            return;
        }
        consumer.commit(Map.of(new TopicPartition(topic, partition), new OffsetAndMetadata(next, "")))
                .onSuccess(m -> LOG.debug("committed {}/{} at {}", topic, partition, next))
                .onFailure(err -> LOG.warn("commit of {}/{} at {} failed ({}); the run may be delivered again", topic, partition, next, err.getMessage()));
    }

    /** Stops taking runs (the records in progress keep their outcome handling). */
    public Future<Void> stopTaking() {
        stopped = true;
        return loopDone;
    }

    /** Leaves the group cleanly (the broker reassigns this worker's partitions at once). */
    public Future<Void> close() {
        stopped = true;
        return loopDone.compose(v -> consumer.close());
    }

    private Set<TopicPartition> partitionsOf(Set<Integer> numbers) {
        return numbers.stream().map(p -> new TopicPartition(topic, p)).collect(Collectors.toSet());
    }

    private static Set<Integer> numbers(Set<TopicPartition> tps) {
        return tps == null ? Collections.emptySet() : tps.stream().map(TopicPartition::getPartition).collect(Collectors.toCollection(TreeSet::new));
    }
}
