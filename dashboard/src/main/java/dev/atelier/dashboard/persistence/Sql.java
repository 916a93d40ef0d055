package dev.atelier.dashboard.persistence;

/** Every query the dashboard runs. It only reads; the orchestrator owns all writes. */
final class Sql {
    static final String SWEEP_COUNT = "SELECT count(*) FROM sweeps";

    static final String RUNS_BY_STATE = "SELECT state, count(*) FROM runs GROUP BY state";

    private static final String SWEEP_SUMMARY = """
            SELECT s.id, s.name, s.state, s.created_at, s.finished_at, s.max_parallel, s.priority, s.seed,
                   count(r.id) AS total,
                   count(r.id) FILTER (WHERE r.state = 'queued') AS queued,
                   count(r.id) FILTER (WHERE r.state = 'dispatched') AS dispatched,
                   count(r.id) FILTER (WHERE r.state = 'running') AS running,
                   count(r.id) FILTER (WHERE r.state = 'completed') AS completed,
                   count(r.id) FILTER (WHERE r.state = 'failed') AS failed,
                   count(r.id) FILTER (WHERE r.state = 'cancelled') AS cancelled,
                   max(r.best_val_acc) AS best_val_acc, max(r.test_acc) AS best_test_acc,
                   EXTRACT(EPOCH FROM (COALESCE(s.finished_at, CASE WHEN s.state = 'active' THEN now() END,
                                                max(r.finished_at), s.created_at) - s.created_at)) AS duration_s
            FROM sweeps s LEFT JOIN runs r ON r.sweep_id = s.id
            """;

    static final String SWEEP_PAGE = SWEEP_SUMMARY + """
            GROUP BY s.id ORDER BY s.created_at DESC, s.id DESC LIMIT ? OFFSET ?
            """;

    static final String SWEEP_ONE = SWEEP_SUMMARY + " WHERE s.id = ? GROUP BY s.id";

    static final String SWEEP_SPEC = "SELECT spec FROM sweeps WHERE id = ?";

    private static final String RUN_COLUMNS = """
            SELECT r.id, r.sweep_id, r.idx, r.state, r.config, r.attempt, r.max_attempts, r.worker_id, r.last_epoch,
                   r.best_val_acc, r.test_acc, r.error, r.cancel_requested, r.created_at, r.started_at, r.finished_at,
                   m.train_loss, m.train_acc, m.val_loss, m.val_acc, m.images_per_second
            FROM runs r
            LEFT JOIN LATERAL (SELECT train_loss, train_acc, val_loss, val_acc, images_per_second FROM epoch_metrics e
                               WHERE e.run_id = r.id ORDER BY e.attempt DESC, e.epoch DESC LIMIT 1) m ON true
            """;

    static final String RUNS_OF_SWEEP = RUN_COLUMNS + " WHERE r.sweep_id = ? ORDER BY r.idx";

    static final String RUN_ONE = RUN_COLUMNS + " WHERE r.id = ?";

    static final String RUN_SWEEP_NAME = "SELECT name FROM sweeps WHERE id = ?";

    static final String RUN_RESULT = """
            SELECT attempt, test_loss, test_acc, per_class_accuracy, confusion_matrix, best_epoch, best_val_acc,
                   total_seconds, extra, recorded_at
            FROM run_results WHERE run_id = ?
            """;

    static final String RUN_ARTIFACTS = """
            SELECT name, content_type, size_bytes, sha256, created_at FROM artifacts WHERE run_id = ? ORDER BY name
            """;

    static final String ARTIFACT = "SELECT content_type, data FROM artifacts WHERE run_id = ? AND name = ?";

    /** Per run and epoch the newest attempt: a resumed run continues after its checkpoint. */
    private static final String CURVES = """
            SELECT DISTINCT ON (m.run_id, m.epoch) m.run_id, m.epoch, m.attempt, m.train_loss, m.train_acc,
                   m.val_loss, m.val_acc, m.lr
            FROM epoch_metrics m
            """;

    static final String CURVES_OF_SWEEP = CURVES + """
            JOIN runs r ON r.id = m.run_id WHERE r.sweep_id = ?
            ORDER BY m.run_id, m.epoch, m.attempt DESC
            """;

    static final String CURVES_OF_RUN = CURVES + " WHERE m.run_id = ? ORDER BY m.run_id, m.epoch, m.attempt DESC";

    /** The epoch rows named by a batch of notifications, with their sweep for routing. */
    static final String EPOCHS_BY_KEY = """
            SELECT m.run_id AS "runId", r.sweep_id AS "sweepId", m.attempt, m.epoch, m.train_loss, m.train_acc,
                   m.val_loss, m.val_acc, m.lr, m.images_per_second
            FROM unnest(?::text[], ?::int[]) AS k(run_id, epoch)
            JOIN epoch_metrics m ON m.run_id = k.run_id AND m.epoch = k.epoch
            JOIN runs r ON r.id = m.run_id
            ORDER BY m.run_id, m.epoch, m.attempt
            """;

    static final String WORKERS = """
            SELECT id, host, device, slots, busy_slots, state, current, partitions, images_per_second, last_seen,
                   EXTRACT(EPOCH FROM (now() - last_seen)) AS seconds_since_seen
            FROM workers ORDER BY id
            """;

    private Sql() {
    }
}
