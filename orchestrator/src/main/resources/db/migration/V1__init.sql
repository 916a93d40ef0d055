-- Atelier store. The orchestrator owns writes; the dashboard reads these tables and LISTENs on the channels below.

CREATE TABLE sweeps (
    id            TEXT PRIMARY KEY,
    name          TEXT        NOT NULL,
    spec          JSONB       NOT NULL,              -- the submitted request (base, grid, random, trials, ...)
    max_parallel  INT         NOT NULL DEFAULT 0,     -- 0 = unlimited
    priority      INT         NOT NULL DEFAULT 0,     -- higher first
    seed          BIGINT      NOT NULL DEFAULT 0,
    state         TEXT        NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'finished', 'cancelled')),
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    finished_at   TIMESTAMPTZ
);

CREATE TABLE runs (
    id               TEXT PRIMARY KEY,
    sweep_id         TEXT        NOT NULL REFERENCES sweeps (id),
    idx              INT         NOT NULL,             -- position in the sweep, from 0
    config           JSONB       NOT NULL,             -- fully resolved RunConfig
    state            TEXT        NOT NULL DEFAULT 'queued'
                     CHECK (state IN ('queued', 'dispatched', 'running', 'completed', 'failed', 'cancelled')),
    attempt          INT         NOT NULL DEFAULT 1,
    max_attempts     INT         NOT NULL DEFAULT 3,
    worker_id        TEXT,
    checkpoint       TEXT,                             -- artifact name of the latest checkpoint
    last_epoch       INT         NOT NULL DEFAULT 0,
    best_val_acc     DOUBLE PRECISION,
    test_acc         DOUBLE PRECISION,
    error            TEXT,
    cancel_requested BOOLEAN     NOT NULL DEFAULT false,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    dispatched_at    TIMESTAMPTZ,
    started_at       TIMESTAMPTZ,
    finished_at      TIMESTAMPTZ,
    updated_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (sweep_id, idx)
);
CREATE INDEX runs_state_idx ON runs (state);
CREATE INDEX runs_sweep_idx ON runs (sweep_id);

CREATE TABLE epoch_metrics (
    run_id            TEXT             NOT NULL REFERENCES runs (id),
    attempt           INT              NOT NULL,
    epoch             INT              NOT NULL,
    train_loss        DOUBLE PRECISION NOT NULL,
    train_acc         DOUBLE PRECISION NOT NULL,
    val_loss          DOUBLE PRECISION NOT NULL,
    val_acc           DOUBLE PRECISION NOT NULL,
    lr                DOUBLE PRECISION NOT NULL,
    epoch_seconds     DOUBLE PRECISION NOT NULL,
    images_per_second DOUBLE PRECISION NOT NULL,
    recorded_at       TIMESTAMPTZ      NOT NULL DEFAULT now(),
    PRIMARY KEY (run_id, attempt, epoch)
);

CREATE TABLE run_results (
    run_id             TEXT PRIMARY KEY REFERENCES runs (id),
    attempt            INT              NOT NULL,
    test_loss          DOUBLE PRECISION NOT NULL,
    test_acc           DOUBLE PRECISION NOT NULL,
    per_class_accuracy JSONB            NOT NULL,      -- [10 numbers]
    confusion_matrix   JSONB            NOT NULL,      -- 10x10, rows = true class
    best_epoch         INT              NOT NULL,
    best_val_acc       DOUBLE PRECISION NOT NULL,
    total_seconds      DOUBLE PRECISION NOT NULL,
    extra              JSONB,                          -- e.g. cGAN quality report
    recorded_at        TIMESTAMPTZ      NOT NULL DEFAULT now()
);

CREATE TABLE artifacts (
    run_id       TEXT        NOT NULL,
    name         TEXT        NOT NULL,
    content_type TEXT        NOT NULL,
    size_bytes   BIGINT      NOT NULL,
    sha256       TEXT        NOT NULL,
    data         BYTEA       NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (run_id, name)
);

CREATE TABLE outbox (
    id         BIGSERIAL PRIMARY KEY,
    topic      TEXT        NOT NULL,
    record_key TEXT        NOT NULL,
    payload    TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    sent_at    TIMESTAMPTZ
);
CREATE INDEX outbox_pending_idx ON outbox (id) WHERE sent_at IS NULL;

CREATE TABLE processed_events (
    event_id     UUID PRIMARY KEY,
    processed_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE workers (
    id                TEXT PRIMARY KEY,
    host              TEXT             NOT NULL,
    device            TEXT             NOT NULL,
    slots             INT              NOT NULL,
    busy_slots        INT              NOT NULL,
    state             TEXT             NOT NULL,
    current           JSONB            NOT NULL DEFAULT '[]',   -- [{runId, attempt, epoch}]
    partitions        JSONB            NOT NULL DEFAULT '[]',
    images_per_second DOUBLE PRECISION NOT NULL DEFAULT 0,
    last_seen         TIMESTAMPTZ      NOT NULL DEFAULT now()
);

-- Live updates for the dashboard (LISTEN atelier_events): small JSON notes, the reader fetches details.
CREATE FUNCTION atelier_notify_epoch() RETURNS trigger AS $$
BEGIN
    PERFORM pg_notify('atelier_events', json_build_object('kind', 'epoch', 'runId', NEW.run_id, 'epoch', NEW.epoch)::text);
    RETURN NEW;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER epoch_metrics_notify AFTER INSERT ON epoch_metrics FOR EACH ROW EXECUTE FUNCTION atelier_notify_epoch();

CREATE FUNCTION atelier_notify_run() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'INSERT' OR NEW.state IS DISTINCT FROM OLD.state THEN
        PERFORM pg_notify('atelier_events', json_build_object('kind', 'run', 'runId', NEW.id, 'sweepId', NEW.sweep_id, 'state', NEW.state)::text);
    END IF;
    RETURN NEW;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER runs_notify AFTER INSERT OR UPDATE ON runs FOR EACH ROW EXECUTE FUNCTION atelier_notify_run();
