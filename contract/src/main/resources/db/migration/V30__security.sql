-- Users, sessions, API keys and the audit log of the query API and the gateway (security/ module,
-- contract in docs/SECURITY.md). No secret is stored in clear: passwords as Argon2id PHC strings,
-- session cookies and key secrets as hex SHA-256.

CREATE TABLE users (
    username       text PRIMARY KEY CHECK (username ~ '^[A-Za-z0-9._-]{1,64}$'),
    role           text NOT NULL CHECK (role IN ('admin', 'operator', 'viewer')),
    password_hash  text NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
    disabled       boolean NOT NULL DEFAULT false,
    created_at     timestamptz NOT NULL,
    last_login_at  timestamptz
);

CREATE TABLE sessions (
    id_hash       text PRIMARY KEY CHECK (length(id_hash) = 64),
    username      text NOT NULL REFERENCES users (username) ON DELETE CASCADE,
    csrf          text NOT NULL,
    created_at    timestamptz NOT NULL,
    last_seen_at  timestamptz NOT NULL
);
CREATE INDEX sessions_username ON sessions (username);

CREATE TABLE api_keys (
    id            text PRIMARY KEY CHECK (id ~ '^[a-z2-7]{12}$'),
    name          text NOT NULL,
    scopes        text[] NOT NULL CHECK (scopes <@ ARRAY['ingest', 'read'] AND cardinality(scopes) > 0),
    secret_hash   text NOT NULL CHECK (length(secret_hash) = 64),
    created_by    text,
    created_at    timestamptz NOT NULL,
    expires_at    timestamptz,
    revoked_at    timestamptz,
    last_used_at  timestamptz
);

CREATE TABLE audit_log (
    id          bigserial PRIMARY KEY,
    at          timestamptz NOT NULL,
    actor       text NOT NULL,
    actor_kind  text NOT NULL CHECK (actor_kind IN ('user', 'key', 'anonymous')),
    action      text NOT NULL,
    target      text,
    outcome     text NOT NULL,
    ip          text,
    detail      jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_at ON audit_log (at);

-- Append-only. The application connects as the role that ran this migration (the table's owner), so the
-- privileges are taken from it and from PUBLIC; a trigger refuses the rest even to the owner (a privilege
-- can be granted back by the owner, a trigger only dropped or disabled by DDL). See stream-processor/RATIONALE.md.
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM PUBLIC;
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM CURRENT_USER;

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % is refused', TG_OP;
END;
$$;

CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
