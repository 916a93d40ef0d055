package dev.atelier.dashboard.live;

import dev.atelier.dashboard.persistence.ReadStore;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns PostgreSQL notifications into browser events. Run state changes carry everything and go out at once;
 * epoch notes only name (runId, epoch), so they are collected for {@link #BATCH_MILLIS} and their rows fetched in one
 * query. A burst of thousands of epochs costs one query per batch, and an open chart still gets its point well
 * under a second after the insert commits.
 */
public final class LiveEventsVerticle extends VerticleBase {
    static final long BATCH_MILLIS = 25;
    private static final Logger LOG = LoggerFactory.getLogger(LiveEventsVerticle.class);

    private final ReadStore store;
    /** (runId NUL epoch) to the moment its first note arrived. */
    private final Map<String, String> pending = new LinkedHashMap<>();
    private boolean flushScheduled;
    private MessageConsumer<String> consumer;

    public LiveEventsVerticle(ReadStore store) {
        this.store = store;
    }

    @Override
    public Future<?> start() {
        consumer = vertx.eventBus().consumer(Addresses.DB_NOTES, msg -> onNote(msg.body(), msg.headers().get(Addresses.RECEIVED_NANOS)));
        return consumer.completion();
    }

    private void onNote(String payload, String receivedNanos) {
        JsonObject note;
        try {
            note = new JsonObject(payload);
        } catch (DecodeException e) {
            LOG.warn("Ignoring unreadable notification on {}: {}", PgNotificationListener.CHANNEL, payload);
            return;
        }
        switch (note.getString("kind", "")) {
            case "epoch" -> {
                pending.putIfAbsent(note.getString("runId") + "\u0000" + note.getInteger("epoch"), receivedNanos);
                scheduleFlush();
            }
            case "run", "resync" -> publish(note, receivedNanos);
            default -> LOG.debug("Ignoring notification kind {}", note.getString("kind"));
        }
    }

    private void publish(JsonObject event, String receivedNanos) {
        DeliveryOptions options = new DeliveryOptions();
        if (receivedNanos != null) {
            options.addHeader(Addresses.RECEIVED_NANOS, receivedNanos);
        }
        vertx.eventBus().publish(Addresses.LIVE, event, options);
    }

    private void scheduleFlush() {
        if (!flushScheduled) {
            flushScheduled = true;
            vertx.setTimer(BATCH_MILLIS, t -> flush());
        }
    }

    private void flush() {
        flushScheduled = false;
        List<String> runIds = new ArrayList<>(pending.size());
        List<Integer> epochs = new ArrayList<>(pending.size());
        Map<String, String> received = new HashMap<>(pending);
        for (String key : pending.keySet()) {
            int sep = key.indexOf('\u0000');
            runIds.add(key.substring(0, sep));
            epochs.add(Integer.parseInt(key.substring(sep + 1)));
        }
        pending.clear();
        store.epochs(runIds, epochs)
                .onSuccess(rows -> rows.forEach(row -> {
                    JsonObject epoch = ((JsonObject) row).put("kind", "epoch");
                    publish(epoch, received.get(epoch.getString("runId") + "\u0000" + epoch.getInteger("epoch")));
                }))
                .onFailure(e -> LOG.warn("Could not read {} new epoch rows: {}", runIds.size(), e.getMessage()));
    }
}
