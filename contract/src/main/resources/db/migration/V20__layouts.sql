-- Saved overview layouts of the web UI, one JSON document per user (query-api's PgLayoutStore).
-- Until users exist, user_id is whatever name the page sends (see query-api/RATIONALE.md).
CREATE TABLE dashboard_layouts (
    user_id     text PRIMARY KEY CHECK (length(user_id) BETWEEN 1 AND 64),
    layout      jsonb NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now()
);
