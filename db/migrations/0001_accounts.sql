-- Accounts: people who run events (admins, organizers), their API tokens, and
-- the audit trail of what they changed. Timestamps are RFC 3339 UTC text.
CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE COLLATE NOCASE,
    name          TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('admin', 'organizer')),
    password_hash TEXT,
    created_at    TEXT NOT NULL
);

CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    token_hash   BLOB NOT NULL UNIQUE,
    label        TEXT,
    created_at   TEXT NOT NULL,
    last_used_at TEXT,
    revoked_at   TEXT
);
-- Foreign keys are not indexed automatically; cascades and "tokens of user" need it.
CREATE INDEX api_tokens_user_id ON api_tokens(user_id);

CREATE TABLE audit_log (
    id            INTEGER PRIMARY KEY,
    at            TEXT NOT NULL,
    actor_user_id INTEGER,
    action        TEXT NOT NULL,
    subject       TEXT,
    summary       TEXT
);
CREATE INDEX audit_log_at ON audit_log(at);
