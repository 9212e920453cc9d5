-- Alerting: rules (edited through the query API, published to agentpulse.alert-rules), the
-- default pack marker, alert history (one row per firing, keyed like the topic's dedup key),
-- pending alerts, acknowledgements, silences, notification channels and the notification log.

CREATE TABLE alert_rules (
    id          text PRIMARY KEY,
    body        jsonb NOT NULL,              -- the rule JSON exactly as published
    updated_at  timestamptz NOT NULL DEFAULT now(),
    updated_by  text
);

-- One row once the default rule pack was loaded: deleting a default rule is not undone on restart.
CREATE TABLE alert_rule_pack (
    id         boolean PRIMARY KEY DEFAULT true CHECK (id),
    version    text NOT NULL,
    loaded_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE alert_history (
    fingerprint  text NOT NULL,
    starts_at    timestamptz NOT NULL,
    rule_id      text NOT NULL,
    rule_name    text NOT NULL,
    state        text NOT NULL CHECK (state IN ('FIRING', 'RESOLVED')),
    severity     text NOT NULL,
    labels       jsonb NOT NULL,
    value        double precision,
    threshold    double precision,
    summary      text,
    ends_at      timestamptz,
    updated_at   timestamptz NOT NULL,
    PRIMARY KEY (fingerprint, starts_at)
);
CREATE INDEX alert_history_open ON alert_history (starts_at) WHERE ends_at IS NULL;
CREATE INDEX alert_history_recent ON alert_history (starts_at DESC);

CREATE TABLE alert_pending (
    fingerprint  text PRIMARY KEY,
    since        timestamptz NOT NULL,
    rule_id      text NOT NULL,
    rule_name    text NOT NULL,
    severity     text NOT NULL,
    labels       jsonb NOT NULL,
    value        double precision,
    threshold    double precision,
    summary      text,
    updated_at   timestamptz NOT NULL
);

CREATE TABLE alert_acks (
    fingerprint  text NOT NULL,
    starts_at    timestamptz NOT NULL,
    acked_by     text NOT NULL,
    acked_at     timestamptz NOT NULL,
    comment      text,
    PRIMARY KEY (fingerprint, starts_at)
);

-- matchers: {"label": "glob", ...} over the alert's labels plus rule_id, rule_name and severity.
CREATE TABLE alert_silences (
    id          bigserial PRIMARY KEY,
    matchers    jsonb NOT NULL,
    starts_at   timestamptz NOT NULL DEFAULT now(),
    ends_at     timestamptz NOT NULL,
    reason      text,
    created_by  text,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX alert_silences_active ON alert_silences (ends_at);

CREATE TABLE notification_channels (
    id    text PRIMARY KEY,
    kind  text NOT NULL CHECK (kind IN ('webhook', 'slack')),
    url   text NOT NULL
);

CREATE TABLE notification_log (
    id           bigserial PRIMARY KEY,
    fingerprint  text NOT NULL,
    starts_at    timestamptz NOT NULL,
    state        text NOT NULL,
    severity     text NOT NULL,
    channel      text NOT NULL,
    attempt      integer NOT NULL,
    outcome      text NOT NULL CHECK (outcome IN ('delivered', 'retry', 'failed', 'silenced', 'no-channel')),
    status_code  integer,
    error        text,
    at           timestamptz NOT NULL DEFAULT now()
);
-- at most one successful delivery per (transition, channel): a redelivered record is skipped
CREATE UNIQUE INDEX notification_log_delivered ON notification_log (fingerprint, starts_at, state, severity, channel)
    WHERE outcome = 'delivered';
CREATE INDEX notification_log_recent ON notification_log (at DESC);
