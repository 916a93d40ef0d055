package dev.atelier.orchestrator.dispatch;

import dev.atelier.orchestrator.persistence.OutboxStore;
import dev.atelier.orchestrator.persistence.Rows;
import dev.atelier.schemas.messages.RunRequested;
import dev.atelier.schemas.messages.Topics;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The dispatch decision, in one transaction: free slots of live workers (heartbeat capacity minus the larger of the
 * runs we gave them and the busy slots they reported, less runs that finished since that heartbeat) are matched with queued runs by sweep priority, then age, then index, never more than a sweep's
 * max_parallel. Each chosen run becomes 'dispatched' and its RunRequested goes to the outbox, addressed to a
 * runs-topic partition owned by that worker, so a busy worker's partition never holds a run back.
 */
final class DispatchStore {
    private static final String FREE_SLOTS = """
            SELECT w.id, w.partitions, w.slots - greatest(
                   (SELECT count(*) FROM runs r WHERE r.worker_id = w.id AND r.state IN ('dispatched', 'running')),
                   w.busy_slots - (SELECT count(*) FROM runs r WHERE r.worker_id = w.id AND r.finished_at > w.last_seen)) AS free
            FROM workers w WHERE w.last_seen > now() - make_interval(secs => ?) AND w.state <> 'draining'
              AND jsonb_array_length(w.partitions) > 0 ORDER BY w.id""";
    private static final String CANDIDATES = """
            WITH active AS (SELECT sweep_id, count(*) AS n FROM runs WHERE state IN ('dispatched', 'running') GROUP BY sweep_id),
                 q AS (SELECT r.id, r.sweep_id, r.attempt, r.config, r.checkpoint, r.idx, s.priority, s.created_at, s.max_parallel,
                              row_number() OVER (PARTITION BY r.sweep_id ORDER BY r.idx) AS rn
                       FROM runs r JOIN sweeps s ON s.id = r.sweep_id WHERE r.state = 'queued' AND s.state = 'active')
            SELECT q.id, q.sweep_id, q.attempt, q.config, q.checkpoint FROM q LEFT JOIN active a ON a.sweep_id = q.sweep_id
            WHERE q.max_parallel = 0 OR q.rn <= q.max_parallel - coalesce(a.n, 0)
            ORDER BY q.priority DESC, q.created_at, q.sweep_id, q.idx LIMIT ?""";

    /** A run handed to a worker. */
    record Dispatched(String runId, String sweepId, int attempt, String workerId, int partition) {
    }

    private DispatchStore() {
    }

    static List<Dispatched> dispatch(Connection c, Topics topics, Duration workerTimeout) throws SQLException {
        Deque<String[]> slots = freeSlots(c, workerTimeout);
        if (slots.isEmpty()) {
            return List.of();
        }
        List<Dispatched> out = new ArrayList<>();
        for (JsonObject run : Rows.query(c, CANDIDATES, slots.size())) {
            String[] slot = slots.poll();
            String runId = run.getString("id");
            int partition = Integer.parseInt(slot[1]);
            int updated = Rows.update(c, "UPDATE runs SET state = 'dispatched', worker_id = ?, dispatched_at = now(), updated_at = now()"
                    + " WHERE id = ? AND state = 'queued'", slot[0], runId);
            if (updated == 1) {
                OutboxStore.add(c, topics.runs(), partition, new RunRequested(runId, run.getString("sweepId"), run.getInteger("attempt"),
                        run.getJsonObject("config"), run.getString("checkpoint")));
                out.add(new Dispatched(runId, run.getString("sweepId"), run.getInteger("attempt"), slot[0], partition));
            }
        }
        return out;
    }

    /** One entry per free slot, interleaved across workers so runs spread evenly: {workerId, partition}. */
    private static Deque<String[]> freeSlots(Connection c, Duration workerTimeout) throws SQLException {
        List<List<String[]>> perWorker = new ArrayList<>();
        for (JsonObject w : Rows.query(c, FREE_SLOTS, (double) workerTimeout.toMillis() / 1000)) {
            JsonArray partitions = w.getJsonArray("partitions");
            List<String[]> mine = new ArrayList<>();
            for (int i = 0; i < w.getLong("free"); i++) {
                mine.add(new String[] {w.getString("id"), String.valueOf(partitions.getInteger(i % partitions.size()))});
            }
            perWorker.add(mine);
        }
        Deque<String[]> slots = new ArrayDeque<>();
        for (int round = 0; perWorker.stream().anyMatch(l -> !l.isEmpty()); round++) {
            for (List<String[]> mine : perWorker) {
                if (!mine.isEmpty()) {
                    slots.add(mine.remove(0));
                }
            }
        }
        return slots;
    }
}
