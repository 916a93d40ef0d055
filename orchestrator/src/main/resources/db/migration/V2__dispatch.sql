-- Dispatch onto the runs-topic partition of the chosen worker, and when a run (re)entered the queue.
ALTER TABLE outbox ADD COLUMN partition INT;
ALTER TABLE runs ADD COLUMN queued_at TIMESTAMPTZ NOT NULL DEFAULT now();
CREATE INDEX runs_worker_active_idx ON runs (worker_id) WHERE state IN ('dispatched', 'running');
