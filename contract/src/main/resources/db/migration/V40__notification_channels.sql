-- Channels become a resource of the query API (/api/v1/channels): a name, a type (webhook, slack,
-- pagerduty, email), plain settings (shown) and secrets (write-only: never returned by the API).
-- Existing rows keep working: a webhook's url becomes settings.url, a Slack url secrets.url.
ALTER TABLE notification_channels DROP CONSTRAINT notification_channels_kind_check;
ALTER TABLE notification_channels
    ADD COLUMN name       text,
    ADD COLUMN settings   jsonb NOT NULL DEFAULT '{}',
    ADD COLUMN secrets    jsonb NOT NULL DEFAULT '{}',
    ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
    ADD COLUMN updated_by text;
UPDATE notification_channels SET name = id,
    settings = CASE WHEN kind = 'webhook' THEN jsonb_build_object('url', url) ELSE '{}' END,
    secrets  = CASE WHEN kind = 'slack' THEN jsonb_build_object('url', url) ELSE '{}' END;
ALTER TABLE notification_channels
    DROP COLUMN url,
    ALTER COLUMN name SET NOT NULL,
    ADD CONSTRAINT notification_channels_kind_check CHECK (kind IN ('webhook', 'slack', 'pagerduty', 'email'));

-- Deliveries per channel (GET /api/v1/channels/{id}/deliveries); test-sends are rows with state 'TEST'.
ALTER TABLE notification_log ADD COLUMN rule_name text;
CREATE INDEX notification_log_channel ON notification_log (channel, at DESC);

-- Rules and silences saved through the query API before V40 were stored as one jsonb string (a text
-- parameter): body->'channels' read nothing, so per-rule routing fell back to 'default', and the notifier
-- read a silence's matchers as none, which matches every alert. Unwrap them to objects.
UPDATE alert_rules SET body = (body #>> '{}')::jsonb WHERE jsonb_typeof(body) = 'string';
UPDATE alert_silences SET matchers = (matchers #>> '{}')::jsonb WHERE jsonb_typeof(matchers) = 'string';
