-- Free-slot accounting looks up a worker's runs, finished ones included.
CREATE INDEX runs_worker_finished_idx ON runs (worker_id, finished_at);
