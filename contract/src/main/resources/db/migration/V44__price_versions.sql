-- Versioned prices (issue 13, point 2). stream-processor/RATIONALE.md "Price versions" has the why.
--
-- One row per (model pattern, effective_from): the prices of that pattern from that instant until the
-- pattern's next version. The id is "<pattern>@<effective_from ISO-8601>", deterministic, so loading the
-- bundled or a deployment's catalog file at every start is idempotent (ON CONFLICT (id) DO NOTHING) and
-- the same id is recorded whether the processor read the version from the file or from this table.
-- Rows are never updated or deleted: a correction is a new version; history is the rows of a pattern.
CREATE TABLE price_versions (
    id                  text PRIMARY KEY,
    model_pattern       text NOT NULL,          -- lower case, no provider/ prefix (PriceBook.normalise)
    effective_from      timestamptz NOT NULL,
    input_usd           double precision NOT NULL CHECK (input_usd >= 0),        -- USD per million tokens
    cached_input_usd    double precision NOT NULL CHECK (cached_input_usd >= 0),
    output_usd          double precision NOT NULL CHECK (output_usd >= 0),
    reasoning_usd       double precision NOT NULL CHECK (reasoning_usd >= 0),
    source              text NOT NULL CHECK (source IN ('file', 'admin')),
    catalog_version     text,                   -- the file's "version" field (file rows)
    note                text,
    created_by          text NOT NULL,
    created_at          timestamptz NOT NULL DEFAULT now(),
    UNIQUE (model_pattern, effective_from)
);

-- Which version priced a raw event (null: the agent sent its cost, or no version matched its model).
ALTER TABLE agent_events ADD COLUMN price_version text;

-- Repricing corrections already applied to a rollup row, kept so that a later re-emission of the
-- window by the processor (a late event's correction, a coarse window's first write) keeps them: the
-- sink writes cost_usd = processor's cost + cost_adjust_usd. See RATIONALE.md "Repricing".
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['rollup_1m', 'rollup_5m', 'rollup_1h', 'rollup_1d', 'rollup_1w', 'rollup_4w'] LOOP
        EXECUTE format('ALTER TABLE %I ADD COLUMN cost_adjust_usd double precision NOT NULL DEFAULT 0', t);
    END LOOP;
END $$;

-- Repricing jobs: requested by an admin through the query API, run once by a processor (claimed with
-- FOR UPDATE SKIP LOCKED in the transaction that applies it, so it commits with its corrections or
-- not at all: a crash leaves it 'requested' and the next poll runs it again).
CREATE TABLE reprice_jobs (
    id                  bigserial PRIMARY KEY,
    range_from          timestamptz NOT NULL,
    range_to            timestamptz NOT NULL CHECK (range_to > range_from),
    model               text,                   -- null = every model
    status              text NOT NULL DEFAULT 'requested' CHECK (status IN ('requested', 'done', 'failed')),
    requested_by        text NOT NULL,
    requested_at        timestamptz NOT NULL DEFAULT now(),
    finished_at         timestamptz,
    events_scanned      bigint,
    events_repriced     bigint,
    rows_adjusted       bigint,
    rows_missing        bigint,
    delta_usd           double precision,
    error               text
);
CREATE INDEX reprice_jobs_open ON reprice_jobs (id) WHERE status = 'requested';
