-- Browser sign-in sessions. The cookie value is never stored, only its
-- SHA-256, so a copy of the database cannot be replayed as a cookie.
-- expires_at is the absolute end; idle_seconds is the idle limit the session
-- was created with, so every authenticator enforces the same policy.
-- Times are RFC 3339 UTC text with milliseconds (text order is time order).
CREATE TABLE web_sessions (
    token_hash   BLOB PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    csrf_token   TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    expires_at   TEXT NOT NULL,
    idle_seconds INTEGER NOT NULL CHECK (idle_seconds > 0)
) WITHOUT ROWID;
CREATE INDEX web_sessions_user_id ON web_sessions(user_id);
CREATE INDEX web_sessions_expires_at ON web_sessions(expires_at);
